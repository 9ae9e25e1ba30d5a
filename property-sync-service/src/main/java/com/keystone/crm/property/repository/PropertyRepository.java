package com.keystone.crm.property.repository;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Listings, written set-wise: each batch is one JSON document expanded by jsonb_to_recordset, so a batch of 200
 * listings costs a handful of statements, not hundreds.
 */
@ApplicationScoped
public class PropertyRepository {
    static final String FOR_BATCH = "SELECT p.listing_key, p.content_hash, cast(p.version as text), cast(p.listing as text), "
            + "to_json(p.photos_change_timestamp)#>>'{}', cast(p.removed as text) FROM property p "
            + "WHERE p.provider_id = ?1 AND p.listing_key IN "
            + "(SELECT " + JsonParameter.elements(2) + ")";
    static final String UPSERT = "INSERT INTO property (provider_id, listing_key, tenant_id, listing_id, standard_status, "
            + "property_type, list_price, bedrooms_total, bathrooms_total, city, postal_code, modification_timestamp, "
            + "photos_change_timestamp, listing, content_hash, version, first_seen_at, last_seen_at, updated_at, removed, removed_at) "
            + "SELECT ?1, x.listing_key, ?2, x.listing_id, x.standard_status, x.property_type, x.list_price, "
            + "x.bedrooms_total, x.bathrooms_total, x.city, x.postal_code, x.modification_timestamp, "
            + "x.photos_change_timestamp, x.listing, x.content_hash, x.version, now(), now(), now(), false, NULL "
            + "FROM jsonb_to_recordset(" + JsonParameter.jsonb(3) + ") AS x(listing_key text, listing_id text, "
            + "standard_status text, property_type text, list_price numeric, bedrooms_total int, bathrooms_total int, "
            + "city text, postal_code text, modification_timestamp timestamptz, photos_change_timestamp timestamptz, "
            + "listing jsonb, content_hash text, version bigint) "
            + "ON CONFLICT (provider_id, listing_key) DO UPDATE SET listing_id = EXCLUDED.listing_id, "
            + "standard_status = EXCLUDED.standard_status, property_type = EXCLUDED.property_type, "
            + "list_price = EXCLUDED.list_price, bedrooms_total = EXCLUDED.bedrooms_total, "
            + "bathrooms_total = EXCLUDED.bathrooms_total, city = EXCLUDED.city, postal_code = EXCLUDED.postal_code, "
            + "modification_timestamp = EXCLUDED.modification_timestamp, "
            + "photos_change_timestamp = EXCLUDED.photos_change_timestamp, listing = EXCLUDED.listing, "
            // the stored version may have moved since the engine read it (the photo queue publishes listed media
            // as a version of their own): the new version is always above the stored one
            + "content_hash = EXCLUDED.content_hash, version = GREATEST(EXCLUDED.version, property.version + 1), "
            + "last_seen_at = now(), updated_at = now(), removed = false, removed_at = NULL "
            + "RETURNING listing_key, cast(version as text)";
    /**
     * The listings whose media were just listed, locked in key order; SKIP LOCKED: a listing a sync batch is writing
     * is left for a later attempt instead of waited for (the two never wait on each other, so never deadlock).
     */
    static final String LOCK_FOR_MEDIA = "SELECT p.listing_key, cast(p.version as text), cast(p.listing as text), "
            + "to_json(p.photos_change_timestamp)#>>'{}', cast(p.removed as text), p.standard_status FROM property p "
            + "WHERE p.provider_id = ?1 AND p.listing_key IN (SELECT " + JsonParameter.elements(2) + ") "
            + "ORDER BY p.listing_key COLLATE \"C\" FOR UPDATE SKIP LOCKED";
    static final String NEXT_VERSION = "UPDATE property SET version = version + 1, updated_at = now() "
            + "WHERE provider_id = ?1 AND listing_key IN (SELECT " + JsonParameter.elements(2) + ") "
            + "RETURNING listing_key, cast(version as text)";
    // unchanged content: only the provider's timestamp (also inside the stored listing) and last-seen move
    static final String TOUCH = "UPDATE property p SET modification_timestamp = x.modification_timestamp, "
            + "listing = jsonb_set(p.listing, '{ModificationTimestamp}', to_jsonb(x.ts_text)), last_seen_at = now() "
            + "FROM jsonb_to_recordset(" + JsonParameter.jsonb(2) + ") AS x(listing_key text, "
            + "modification_timestamp timestamptz, ts_text text) "
            + "WHERE p.provider_id = ?1 AND p.listing_key = x.listing_key";
    static final String ACTIVE_KEYS = "SELECT listing_key, '' FROM property WHERE provider_id = ?1 AND NOT removed "
            + "AND listing_key > ?2 ORDER BY listing_key LIMIT ";
    static final String REMOVE = "UPDATE property SET removed = true, removed_at = now(), updated_at = now(), "
            + "version = version + 1 WHERE provider_id = ?1 AND NOT removed AND listing_key IN "
            + "(SELECT " + JsonParameter.elements(2) + ") "
            + "RETURNING listing_key, cast(version as text), listing_id, standard_status, to_json(last_seen_at)#>>'{}'";

    public Uni<Map<String, StoredListing>> forBatch(UUID providerId, List<String> keys) {
        return NativeSql.rows(FOR_BATCH, providerId, JsonParameter.of(keys)).map(rows -> {
            Map<String, StoredListing> out = new HashMap<>();
            for (Object[] r : rows) {
                out.put(NativeSql.text(r, 0), new StoredListing(NativeSql.text(r, 0), NativeSql.text(r, 1),
                        NativeSql.number(r, 2), NativeSql.text(r, 3), NativeSql.instant(r, 4),
                        Boolean.parseBoolean(NativeSql.text(r, 5))));
            }
            return out;
        });
    }

    /** rows: maps with the recordset's column names (listing as a JSON object); answers each listing's stored version. */
    public Uni<Map<String, Long>> upsert(UUID providerId, String tenantId, List<Map<String, Object>> rows) {
        return rows.isEmpty() ? Uni.createFrom().item(Map.of())
                : NativeSql.rows(UPSERT, providerId, tenantId, JsonParameter.of(rows)).map(PropertyRepository::versions);
    }

    /** Locks these listings for the photo queue (those a sync is writing now are skipped); see {@link #LOCK_FOR_MEDIA}. */
    public Uni<List<LockedListing>> lockForMedia(UUID providerId, List<String> keys) {
        return NativeSql.rows(LOCK_FOR_MEDIA, providerId, JsonParameter.of(keys)).map(rows -> rows.stream()
                .map(r -> new LockedListing(NativeSql.text(r, 0), NativeSql.number(r, 1), NativeSql.text(r, 2),
                        NativeSql.instant(r, 3), Boolean.parseBoolean(NativeSql.text(r, 4)), NativeSql.text(r, 5)))
                .toList());
    }

    /** A new version of each listing (its media changed); answers the versions. */
    public Uni<Map<String, Long>> nextVersion(UUID providerId, List<String> keys) {
        return keys.isEmpty() ? Uni.createFrom().item(Map.of())
                : NativeSql.rows(NEXT_VERSION, providerId, JsonParameter.of(keys)).map(PropertyRepository::versions);
    }

    private static Map<String, Long> versions(List<Object[]> rows) {
        Map<String, Long> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put(NativeSql.text(r, 0), NativeSql.number(r, 1));
        }
        return out;
    }

    public Uni<Integer> touch(UUID providerId, List<Map<String, Object>> rows) {
        return rows.isEmpty() ? Uni.createFrom().item(0) : NativeSql.execute(TOUCH, providerId, JsonParameter.of(rows));
    }

    public Uni<List<String>> activeKeysAfter(UUID providerId, String afterKey, int limit) {
        return NativeSql.rows(ACTIVE_KEYS + limit, providerId, afterKey)
                .map(rows -> rows.stream().map(r -> NativeSql.text(r, 0)).toList());
    }

    /** Marks the listings removed; answers those that were not already, with their new version. */
    public Uni<List<Object[]>> remove(UUID providerId, List<String> keys) {
        return NativeSql.rows(REMOVE, providerId, JsonParameter.of(keys));
    }
}

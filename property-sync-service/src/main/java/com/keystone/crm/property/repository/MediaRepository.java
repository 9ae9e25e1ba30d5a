package com.keystone.crm.property.repository;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Photos of listings, their content-addressed copies and the copy queue. A media row keeps its copy only while its
 * MediaModificationTimestamp is the one the copy was taken at; a move queues a new copy.
 */
@ApplicationScoped
public class MediaRepository {
    private static final String MEDIA_COLUMNS = "x(media_key text, listing_key text, media_order int, category text, "
            + "provider_url text, media_modification_timestamp timestamptz, priority int)";
    /**
     * One statement per batch: the media upserted (a copy is kept only while its MediaModificationTimestamp stays),
     * a photo task queued for each whose copy is missing or stale, and the stored rows returned with the copy's S3 key
     * (what the events show). Each photo task is written from its media row's RETURNING, so this statement takes a
     * media row's lock before its task's, the order the photo worker takes them in (copied, then task done): the two
     * never deadlock.
     */
    static final String STORE = "WITH x AS (SELECT * FROM jsonb_to_recordset(" + JsonParameter.jsonb(3) + ") AS "
            + MEDIA_COLUMNS + "), "
            + "up AS (INSERT INTO media (provider_id, media_key, listing_key, media_order, category, "
            + "provider_url, media_modification_timestamp, updated_at) SELECT ?1, x.media_key, x.listing_key, "
            + "x.media_order, x.category, x.provider_url, x.media_modification_timestamp, now() FROM x "
            + "ON CONFLICT (provider_id, media_key) DO UPDATE SET listing_key = EXCLUDED.listing_key, "
            + "media_order = EXCLUDED.media_order, category = EXCLUDED.category, provider_url = EXCLUDED.provider_url, "
            + "content_sha256 = CASE WHEN media.media_modification_timestamp IS NOT DISTINCT FROM "
            + "EXCLUDED.media_modification_timestamp THEN media.content_sha256 END, "
            + "copied_modification_timestamp = CASE WHEN media.media_modification_timestamp IS NOT DISTINCT FROM "
            + "EXCLUDED.media_modification_timestamp THEN media.copied_modification_timestamp END, "
            + "media_modification_timestamp = EXCLUDED.media_modification_timestamp, updated_at = now() "
            + "RETURNING provider_id, media_key, listing_key, media_order, category, provider_url, "
            + "media_modification_timestamp, content_sha256, copied_modification_timestamp), "
            // only media whose copy is missing or older than its MediaModificationTimestamp
            + "q AS (INSERT INTO photo_task (provider_id, tenant_id, media_key, listing_key, media_order, provider_url, "
            + "media_modification_timestamp, priority) SELECT up.provider_id, ?2, up.media_key, up.listing_key, "
            + "up.media_order, up.provider_url, up.media_modification_timestamp, x.priority FROM up "
            + "JOIN x ON x.media_key = up.media_key WHERE up.content_sha256 IS NULL "
            + "OR up.copied_modification_timestamp IS DISTINCT FROM up.media_modification_timestamp "
            + "ON CONFLICT (provider_id, media_key) DO UPDATE SET provider_url = EXCLUDED.provider_url, "
            + "media_modification_timestamp = EXCLUDED.media_modification_timestamp, priority = EXCLUDED.priority, "
            + "listing_key = EXCLUDED.listing_key, attempts = 0, not_before = now(), last_error = NULL "
            + "WHERE photo_task.media_modification_timestamp IS DISTINCT FROM EXCLUDED.media_modification_timestamp "
            + "OR photo_task.provider_url <> EXCLUDED.provider_url RETURNING 1) "
            + "SELECT up.listing_key, up.media_key, cast(up.media_order as text), up.category, up.provider_url, "
            + "to_json(up.media_modification_timestamp)#>>'{}', "
            + "CASE WHEN up.copied_modification_timestamp IS NOT DISTINCT FROM up.media_modification_timestamp "
            + "THEN b.s3_key END, (SELECT cast(count(*) as text) FROM q) FROM up "
            + "LEFT JOIN media_blob b ON b.content_sha256 = up.content_sha256 "
            + "ORDER BY up.listing_key, up.media_order, up.media_key";
    /** After {@link #STORE}: media of these listings that the batch no longer lists, then photo tasks left without media. */
    static final String PRUNE = "DELETE FROM media WHERE provider_id = ?1 AND listing_key IN "
            + "(SELECT " + JsonParameter.elements(2) + ") AND media_key NOT IN "
            + "(SELECT " + JsonParameter.elements(3) + ")";
    static final String PRUNE_TASKS = "DELETE FROM photo_task t WHERE t.provider_id = ?1 AND t.listing_key IN "
            + "(SELECT " + JsonParameter.elements(2) + ") AND NOT EXISTS "
            + "(SELECT 1 FROM media m WHERE m.provider_id = t.provider_id AND m.media_key = t.media_key)";
    static final String FOR_LISTINGS = "SELECT m.listing_key, m.media_key, cast(m.media_order as text), m.category, "
            + "m.provider_url, to_json(m.media_modification_timestamp)#>>'{}', "
            + "CASE WHEN m.copied_modification_timestamp IS NOT DISTINCT FROM m.media_modification_timestamp "
            + "THEN b.s3_key END FROM media m LEFT JOIN media_blob b ON b.content_sha256 = m.content_sha256 "
            + "WHERE m.provider_id = ?1 AND m.listing_key IN "
            + "(SELECT " + JsonParameter.elements(2) + ") ORDER BY m.listing_key, m.media_order, m.media_key";
    /** The photo queue's leases: the most urgent due task of an enabled provider (a disabled one is not downloaded from). */
    static final LeaseTable TASKS = LeaseTable.on("photo_task", "id", "bigint")
            .ready("not_before <= now() AND EXISTS (SELECT 1 FROM mls_provider p WHERE p.id = photo_task.provider_id AND p.enabled)")
            .order("priority, media_modification_timestamp DESC NULLS LAST, id")
            .columns("cast(provider_id as text), tenant_id, media_key, listing_key, cast(media_order as text), provider_url, "
                    + "to_json(media_modification_timestamp)#>>'{}', cast(attempts as text)")
            .build();
    static final String COPIED = "UPDATE media SET content_sha256 = ?3, "
            + "copied_modification_timestamp = media_modification_timestamp, updated_at = now() "
            + "WHERE provider_id = ?1 AND media_key = ?2 AND media_modification_timestamp IS NOT DISTINCT FROM "
            + "cast(cast(?4 as text) as timestamptz)";
    static final String TASK_DONE = "DELETE FROM photo_task WHERE id = cast(cast(?1 as text) as bigint) AND lease_owner = ?2 "
            + "AND media_modification_timestamp IS NOT DISTINCT FROM cast(cast(?3 as text) as timestamptz)";
    static final String TASK_RETRY = "UPDATE photo_task SET lease_owner = NULL, lease_expires_at = NULL, "
            + "attempts = attempts + cast(cast(?3 as text) as int), not_before = now() + make_interval(secs => ?4), "
            + "last_error = ?5 WHERE id = cast(cast(?1 as text) as bigint) AND lease_owner = ?2";
    static final String TASK_DROP = "DELETE FROM photo_task WHERE id = cast(cast(?1 as text) as bigint) AND lease_owner = ?2";
    static final String BLOB = "SELECT s3_key, content_sha256 FROM media_blob WHERE content_sha256 = ?1";
    static final String BLOB_INSERT = "INSERT INTO media_blob (content_sha256, s3_key, content_type, size_bytes) "
            + "VALUES (?1, ?2, ?3, cast(cast(?4 as text) as bigint)) ON CONFLICT (content_sha256) DO NOTHING";

    /**
     * Stores these media (rows of {@link #MEDIA_COLUMNS}) and queues the copies they need; answers the rows as stored
     * and how many copies were queued. Media the listings no longer have go with {@link #prune}, called after it.
     */
    public Uni<StoredMedia> store(UUID providerId, String tenantId, List<Map<String, Object>> media) {
        if (media.isEmpty()) {
            return Uni.createFrom().item(new StoredMedia(List.of(), 0));
        }
        return NativeSql.rows(STORE, providerId, tenantId, JsonParameter.of(media)).map(rows -> {
            List<MediaRow> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                out.add(mediaRow(r));
            }
            return new StoredMedia(out, rows.isEmpty() ? 0 : (int) NativeSql.number(rows.get(0), 7));
        });
    }

    /**
     * Deletes the media of these listings other than keptMediaKeys, and the photo tasks left without their media.
     * After {@link #store} in the same transaction: media rows before photo tasks, as everywhere.
     */
    public Uni<Void> prune(UUID providerId, List<String> listingKeys, List<String> keptMediaKeys) {
        if (listingKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String keys = JsonParameter.of(listingKeys);
        return NativeSql.execute(PRUNE, providerId, keys, JsonParameter.of(keptMediaKeys))
                .chain(() -> NativeSql.execute(PRUNE_TASKS, providerId, keys))
                .replaceWithVoid();
    }

    public Uni<List<MediaRow>> forListings(UUID providerId, List<String> listingKeys) {
        if (listingKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return NativeSql.rows(FOR_LISTINGS, providerId, JsonParameter.of(listingKeys)).map(rows -> {
            List<MediaRow> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                out.add(mediaRow(r));
            }
            return out;
        });
    }

    private static MediaRow mediaRow(Object[] r) {
        return new MediaRow(NativeSql.text(r, 0), NativeSql.text(r, 1), (int) NativeSql.number(r, 2),
                NativeSql.text(r, 3), NativeSql.text(r, 4), NativeSql.instant(r, 5), NativeSql.text(r, 6));
    }

    /** Leases the most urgent photo task that is due; null when none. */
    public Uni<PhotoTask> claimTask(String owner, Duration lease) {
        return TASKS.claimNext(owner, lease).map(c -> c == null ? null : new PhotoTask(Long.parseLong(c.key()),
                UUID.fromString(c.text(0)), c.text(1), c.text(2), c.text(3), Integer.parseInt(c.text(4)), c.text(5),
                NativeSql.instant(c.columns(), 6), Integer.parseInt(c.text(7))));
    }

    /** Hands a task back unfinished (the worker stops); nothing once it was done or taken over. */
    public Uni<Boolean> release(PhotoTask task, String owner) {
        return TASKS.release(Long.toString(task.id()), owner);
    }

    public Uni<String> blobKey(String sha256) {
        return NativeSql.rows(BLOB, sha256).map(rows -> rows.isEmpty() ? null : NativeSql.text(rows.get(0), 0));
    }

    public Uni<Void> recordBlob(String sha256, String s3Key, String contentType, long size) {
        return NativeSql.execute(BLOB_INSERT, sha256, s3Key, contentType, Long.toString(size)).replaceWithVoid();
    }

    /** The copy landed: point the media at it (if its version is still the task's) and close the task. */
    public Uni<Void> copied(PhotoTask task, String owner, String sha256) {
        String ts = ProviderRepository.str(task.modificationTimestamp());
        return NativeSql.execute(COPIED, task.providerId(), task.mediaKey(), sha256, ts)
                .chain(() -> NativeSql.execute(TASK_DONE, Long.toString(task.id()), owner, ts))
                .chain(n -> n == 1 ? Uni.createFrom().item(n)
                        : TASKS.release(Long.toString(task.id()), owner).map(released -> 0)) // re-queued meanwhile
                .replaceWithVoid();
    }

    public Uni<Void> retry(PhotoTask task, String owner, boolean countAttempt, Duration delay, String error) {
        return NativeSql.execute(TASK_RETRY, Long.toString(task.id()), owner, countAttempt ? "1" : "0",
                ProviderRepository.seconds(delay), SyncRunRepository.truncate(error, 2000)).replaceWithVoid();
    }

    public Uni<Void> drop(PhotoTask task, String owner) {
        return NativeSql.execute(TASK_DROP, Long.toString(task.id()), owner).replaceWithVoid();
    }
}

package com.keystone.crm.lead.savedsearch.repository;

import com.keystone.crm.lead.savedsearch.domain.ListingMatchListing;
import com.keystone.crm.lead.savedsearch.domain.ListingMatchReason;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchLocationKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The matching of listings against saved searches, and the record of what was announced (listing_match). */
@ApplicationScoped
public class ListingMatchRepository {
    /**
     * The leads of the tenant with a live saved search that the listing satisfies, one row per lead.
     *
     * <p>Every criterion is a predicate on the search's columns with the listing's values as parameters, so the
     * database evaluates the tenant's searches where they live and only matches come back:
     * <ul>
     *   <li>{@code s.active AND s.deleted_at IS NULL} repeats the predicate of the partial indexes
     *       {@code saved_search_live_tenant} (btree on tenant_id) and {@code saved_search_live_location} (GIN on
     *       location_keys), so the planner can use either, or both in a BitmapAnd; paused and deleted searches are
     *       never read.</li>
     *   <li>Location: {@code location_keys && ARRAY[...]} is true when the search has no location criteria (its key
     *       '*' is always offered) or names the listing's city or postal code (or its 5-digit ZIP). The four slots
     *       come from SavedSearchLocationKeys.ofListing; null slots match nothing.</li>
     *   <li>StandardStatus must be one of the search's; PropertyType one of its types when it names any.</li>
     *   <li>Price, beds and baths bounds apply when set; a listing that does not state the value does not satisfy
     *       a bound on it (the comparison with NULL is not true).</li>
     *   <li>The lead must be live in the same tenant (a deleted or merged lead hears nothing).</li>
     *   <li>{@code DISTINCT ON (s.lead_id)} keeps one search per lead, the oldest, so two matching searches of one
     *       lead make one activity.</li>
     * </ul>
     * Parameters are cast because the driver cannot infer the type of a null.
     */
    static final String MATCHING_SEARCHES = """
            SELECT DISTINCT ON (s.lead_id) s.id, s.lead_id, s.name
            FROM saved_search s
            JOIN lead l ON l.id = s.lead_id
            WHERE s.tenant_id = ?1
              AND s.active AND s.deleted_at IS NULL
              AND s.location_keys && ARRAY[cast(?2 as text), cast(?3 as text), cast(?4 as text), cast(?5 as text)]
              AND cast(?6 as text) = ANY (s.standard_statuses)
              AND (cardinality(s.property_types) = 0 OR cast(?7 as text) = ANY (s.property_types))
              AND (s.min_price IS NULL OR cast(?8 as numeric) >= s.min_price)
              AND (s.max_price IS NULL OR cast(?8 as numeric) <= s.max_price)
              AND (s.min_bedrooms IS NULL OR cast(?9 as integer) >= s.min_bedrooms)
              AND (s.min_bathrooms IS NULL OR cast(?10 as integer) >= s.min_bathrooms)
              AND l.tenant_id = ?1 AND l.deleted_at IS NULL AND l.merged_into_lead_id IS NULL
            ORDER BY s.lead_id, s.created_at, s.id
            """;

    /** The dedupe: a second announcement of the same lead, listing, reason and price inserts nothing. */
    static final String RECORD_ONCE = """
            INSERT INTO listing_match (id, tenant_id, lead_id, saved_search_id, listing_key, provider_id, match_reason,
                                       list_price, previous_list_price, event_id, matched_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as numeric), cast(?9 as numeric), ?10, ?11)
            ON CONFLICT ON CONSTRAINT listing_match_once DO NOTHING
            """;

    static final String LINK_ACTIVITY = "UPDATE listing_match SET activity_id = ?1 WHERE id = ?2";

    public Uni<List<ListingMatchCandidate>> matchingSearches(ListingMatchListing listing) {
        String[] keys = SavedSearchLocationKeys.ofListing(listing.city(), listing.postalCode());
        return Panache.getSession().chain(s -> s.createNativeQuery(MATCHING_SEARCHES, Object[].class)
                        .setParameter(1, listing.tenantId())
                        .setParameter(2, keys[0])
                        .setParameter(3, keys[1])
                        .setParameter(4, keys[2])
                        .setParameter(5, keys[3])
                        .setParameter(6, listing.standardStatus())
                        .setParameter(7, listing.propertyType())
                        .setParameter(8, listing.listPrice())
                        .setParameter(9, listing.bedroomsTotal())
                        .setParameter(10, listing.bathroomsTotalInteger())
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new ListingMatchCandidate(uuid(r[0]), uuid(r[1]), (String) r[2]))
                        .toList());
    }

    /** True when this is the first announcement of the listing at this price for this reason to the lead. */
    public Uni<Boolean> recordOnce(UUID matchId, ListingMatchCandidate candidate, ListingMatchListing listing,
                                   ListingMatchReason reason, UUID eventId, Instant matchedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD_ONCE)
                        .setParameter(1, matchId)
                        .setParameter(2, listing.tenantId())
                        .setParameter(3, candidate.leadId())
                        .setParameter(4, candidate.savedSearchId())
                        .setParameter(5, listing.listingKey())
                        .setParameter(6, listing.providerId())
                        .setParameter(7, reason.wire())
                        .setParameter(8, listing.listPrice())
                        .setParameter(9, listing.previousListPrice())
                        .setParameter(10, eventId)
                        .setParameter(11, matchedAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    public Uni<Void> linkActivity(UUID matchId, UUID activityId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LINK_ACTIVITY)
                        .setParameter(1, activityId)
                        .setParameter(2, matchId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}

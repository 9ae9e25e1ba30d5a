package com.keystone.crm.lead.savedsearch.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.savedsearch.domain.ListingMatchListing;
import com.keystone.crm.lead.savedsearch.domain.ListingMatchReason;
import com.keystone.crm.lead.savedsearch.messaging.PropertyUpdatedPayload;
import com.keystone.crm.lead.savedsearch.repository.ListingMatchCandidate;
import com.keystone.crm.lead.savedsearch.repository.ListingMatchRepository;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns property.updated into listing alerts: a new listing, or a price drop on a listing, that satisfies a live
 * saved search records one {@code listing-match} activity per lead, published as lead.activity-recorded (workflows
 * send the alert). Runs inside the consumer's inbox transaction, so an event applies once; the listing_match
 * table makes different events about the same listing, at the same price and for the same reason, announce it
 * once per lead.
 */
@ApplicationScoped
public class ListingMatchService {
    static final String ACTIVITY_TYPE = "listing-match";
    /** Who records the entry: this service's saved-search matcher. */
    static final String ACTOR = "lead-service";
    /** lead.activity-recorded allows a shorter listingKey than property.updated carries. */
    static final int MAX_LISTING_KEY = 128;
    private static final int MAX_SUMMARY = 500;
    private static final Logger LOG = Logger.getLogger(ListingMatchService.class);

    private final ListingMatchRepository matches;
    private final LeadRepository leads;
    private final ActivityRecorder activities;

    public ListingMatchService(ListingMatchRepository matches, LeadRepository leads, ActivityRecorder activities) {
        this.matches = matches;
        this.leads = leads;
        this.activities = activities;
    }

    public Uni<Void> apply(IncomingEvent<PropertyUpdated> event) {
        ListingMatchListing listing = PropertyUpdatedPayload.listing(event.payload());
        var reason = listing.reason();
        if (reason.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (listing.listingKey().length() > MAX_LISTING_KEY) {
            // the activity could not be published; skip the listing rather than dead-letter the event
            LOG.warnf("listing %s… of %s: ListingKey longer than %d characters, not matched",
                    listing.listingKey().substring(0, 32), listing.providerId(), MAX_LISTING_KEY);
            return Uni.createFrom().voidItem();
        }
        UUID eventId = event.attributes().id();
        return matches.matchingSearches(listing).chain(candidates -> candidates.isEmpty()
                ? Uni.createFrom().voidItem()
                : leadsById(candidates).chain(byId -> Multi.createFrom().iterable(candidates)
                        // one at a time: a reactive session runs one statement at a time
                        .onItem().transformToUniAndConcatenate(c -> announce(byId.get(c.leadId()), c, listing,
                                reason.get(), eventId))
                        .collect().last()
                        .replaceWithVoid()));
    }

    private Uni<Map<UUID, Lead>> leadsById(List<ListingMatchCandidate> candidates) {
        List<UUID> ids = candidates.stream().map(ListingMatchCandidate::leadId).toList();
        return leads.list("id in ?1", ids)
                .map(list -> list.stream().collect(Collectors.toMap(l -> l.id, Function.identity())));
    }

    private Uni<Void> announce(Lead lead, ListingMatchCandidate candidate, ListingMatchListing listing,
                               ListingMatchReason reason, UUID eventId) {
        UUID matchId = UUID.randomUUID();
        var occurredAt = listing.occurredAt().truncatedTo(ChronoUnit.MICROS);
        return matches.recordOnce(matchId, candidate, listing, reason, eventId, occurredAt)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    return activities.record(lead, ACTIVITY_TYPE, summary(listing, reason, candidate), ACTOR,
                                    occurredAt, eventId, extra(listing, reason, candidate))
                            .chain(activity -> matches.linkActivity(matchId, activity.id));
                });
    }

    /** The listing-match fields lead.activity-recorded requires, and details workflows can put in the alert. */
    static ActivityEvents.Fields extra(ListingMatchListing listing, ListingMatchReason reason, ListingMatchCandidate candidate) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("providerId", listing.providerId());
        putIfPresent(details, "listingId", listing.listingId());
        putIfPresent(details, "unparsedAddress", listing.unparsedAddress());
        putIfPresent(details, "city", listing.city());
        putIfPresent(details, "postalCode", listing.postalCode());
        putIfPresent(details, "bedroomsTotal", listing.bedroomsTotal());
        putIfPresent(details, "bathroomsTotalInteger", listing.bathroomsTotalInteger());
        putIfPresent(details, "propertyType", listing.propertyType());
        putIfPresent(details, "standardStatus", listing.standardStatus());
        details.put("savedSearchName", candidate.savedSearchName());
        return b -> b.withListingKey(listing.listingKey())
                .withSavedSearchId(candidate.savedSearchId())
                .withMatchReason(LeadActivityRecorded.MatchReason.fromValue(reason.wire()))
                .withListPrice(listing.listPrice())
                .withPreviousListPrice(reason == ListingMatchReason.PRICE_DROP ? listing.previousListPrice() : null)
                .withDetails(details);
    }

    static String summary(ListingMatchListing listing, ListingMatchReason reason, ListingMatchCandidate candidate) {
        String text = switch (reason) {
            case NEW_LISTING -> "New listing for \"" + candidate.savedSearchName() + "\": " + listing.displayName()
                    + (listing.listPrice() == null ? "" : " at " + money(listing.listPrice()));
            case PRICE_DROP -> "Price drop for \"" + candidate.savedSearchName() + "\": " + listing.displayName()
                    + " now " + money(listing.listPrice()) + " (was " + money(listing.previousListPrice()) + ")";
        };
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("$#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)).format(amount);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}

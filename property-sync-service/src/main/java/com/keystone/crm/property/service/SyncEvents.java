package com.keystone.crm.property.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.events.Media;
import com.keystone.crm.platform.contracts.events.MlsSyncCompleted;
import com.keystone.crm.platform.contracts.events.PropertyRemoved;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.platform.contracts.events.StandardStatus;
import com.keystone.crm.property.repository.MediaRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The payloads of property.updated, property.removed and mls.sync-completed (schemas in platform/contracts). */
public final class SyncEvents {
    public static final String UPDATED = "property.updated";
    public static final String REMOVED = "property.removed";
    public static final String SYNC_COMPLETED = "mls.sync-completed";
    /** The changed field of an event that only brings a listing's media, once listed. */
    public static final String MEDIA = "Media";

    private SyncEvents() {
    }

    /**
     * The full normalised listing plus the change: changedFields, previous price and status; Media added later.
     * The listing's RESO fields bind by name to the contract's; a RESO field the contract does not list is not
     * published. A listing whose values do not bind (e.g. a StandardStatus outside the RESO lookup) is an
     * {@link InvalidEventException}, like one that breaks the schema.
     */
    public static PropertyUpdated updated(NormalisedListing listing, JsonNode before, String tenantId, UUID providerId,
                                          long version, Instant at) {
        PropertyUpdated fields = EventJson.fromJson(UPDATED, listing.fields(), PropertyUpdated.class);
        return new PropertyUpdated.PropertyUpdatedBuilder(fields)
                .withTenantId(tenantId)
                .withVersion(version)
                .withOccurredAt(at)
                .withProviderId(providerId.toString())
                .withChangeType(before == null ? PropertyUpdated.ChangeType.CREATED : PropertyUpdated.ChangeType.UPDATED)
                .withChangedFields(before == null ? new LinkedHashSet<>()
                        : new LinkedHashSet<>(ListingNormaliser.changedFields(before, listing.fields())))
                .withPreviousListPrice(before == null || !before.path("ListPrice").isNumber()
                        ? null : before.get("ListPrice").decimalValue())
                .withPreviousStandardStatus(before == null || !before.path("StandardStatus").isTextual()
                        ? null : status(UPDATED, before.get("StandardStatus").asText()))
                .build();
    }

    /** The published event of a change: its media as the app should show them now, and the time of publishing. */
    public static PropertyUpdated withMedia(PropertyUpdated change, List<Media> media, Instant at) {
        return new PropertyUpdated.PropertyUpdatedBuilder(change).withMedia(media).withOccurredAt(at).build();
    }

    /**
     * The listing as stored, with its media listed by the photo queue after the records phase: a version of its own
     * whose only changed field is Media (its price and status stay as they were, so no consumer reads a price drop,
     * a status change or a new listing into it).
     */
    public static PropertyUpdated mediaListed(ObjectNode listing, String tenantId, UUID providerId, long version,
                                              List<Media> media, Instant at) {
        PropertyUpdated fields = EventJson.fromJson(UPDATED, listing, PropertyUpdated.class);
        JsonNode status = listing.path("StandardStatus");
        return new PropertyUpdated.PropertyUpdatedBuilder(fields)
                .withTenantId(tenantId)
                .withVersion(version)
                .withOccurredAt(at)
                .withProviderId(providerId.toString())
                .withChangeType(PropertyUpdated.ChangeType.UPDATED)
                .withChangedFields(new LinkedHashSet<>(List.of(MEDIA)))
                .withPreviousListPrice(listing.path("ListPrice").isNumber() ? listing.get("ListPrice").decimalValue() : null)
                .withPreviousStandardStatus(status.isTextual() ? status(UPDATED, status.asText()) : null)
                .withMedia(media)
                .build();
    }

    /** Media as the app should show them now: our copy when it is current, else the provider's URL. */
    public static List<Media> media(List<MediaRow> rows, MediaUrls urls) {
        List<Media> out = new ArrayList<>(rows.size());
        for (MediaRow m : rows) {
            out.add(Media.builder()
                    .withMediaKey(m.mediaKey())
                    .withMediaURL(java.net.URI.create(m.s3Key() != null ? urls.publicUrl(m.s3Key()) : m.providerUrl()))
                    .withOrder((long) m.order())
                    .withMediaCategory(m.category())
                    .withMediaModificationTimestamp(m.modificationTimestamp())
                    .build());
        }
        return out;
    }

    public static OutboxEvent updatedEvent(String listingKey, PropertyUpdated payload) {
        return OutboxEvent.of("property", listingKey, payload);
    }

    public static OutboxEvent removedEvent(String listingKey, String tenantId, UUID providerId, long version,
                                           String listingId, String lastStatus, Instant lastSeen, Instant at) {
        PropertyRemoved p = PropertyRemoved.builder()
                .withListingKey(listingKey)
                .withTenantId(tenantId)
                .withVersion(version)
                .withOccurredAt(at)
                .withProviderId(providerId.toString())
                .withReason(PropertyRemoved.Reason.MISSING_FROM_FEED)
                .withListingId(listingId)
                .withLastStandardStatus(lastStatus == null ? null : status(REMOVED, lastStatus))
                .withLastSeenAt(lastSeen)
                .build();
        return OutboxEvent.of("property", listingKey, p);
    }

    public static OutboxEvent completedEvent(ClaimedRun run, String outcome, Instant finishedAt, Instant watermark,
                                             com.keystone.crm.property.repository.RunCounts counts, String errorSummary) {
        MlsSyncCompleted p = MlsSyncCompleted.builder()
                .withProviderId(run.providerId().toString())
                .withTenantId(run.tenantId())
                .withVersion(Math.max(1, run.seq()))
                .withOccurredAt(finishedAt)
                .withSyncRunId(run.runId())
                .withMode(MlsSyncCompleted.Mode.fromValue(run.mode().wire()))
                .withOutcome(MlsSyncCompleted.Outcome.fromValue(outcome))
                .withProtocol(MlsSyncCompleted.Protocol.fromValue(run.provider().protocol))
                .withTrigger(MlsSyncCompleted.Trigger.fromValue(run.trigger()))
                .withStartedAt(run.startedAt() == null ? finishedAt : run.startedAt())
                .withFinishedAt(finishedAt)
                .withWatermark(watermark)
                .withRecordsFetched(counts.fetched())
                .withRecordsChanged(counts.changed())
                .withRecordsRemoved(counts.removed())
                .withPhotosQueued(counts.photosQueued())
                .withErrorCount(counts.errors())
                .withErrorSummary(errorSummary == null || errorSummary.length() <= 2000 ? errorSummary
                        : errorSummary.substring(0, 2000))
                .build();
        return OutboxEvent.of("mls-provider", run.providerId().toString(), p);
    }

    private static StandardStatus status(String eventType, String value) {
        try {
            return StandardStatus.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(eventType, List.of("$.StandardStatus: '" + value + "' is not a RESO StandardStatus"));
        }
    }
}

package com.keystone.crm.property.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.property.repository.MediaRow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payloads of property.updated, property.removed and mls.sync-completed (schemas in platform/contracts). */
public final class SyncEvents {
    public static final String UPDATED = "property.updated";
    public static final String REMOVED = "property.removed";
    public static final String SYNC_COMPLETED = "mls.sync-completed";
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private SyncEvents() {
    }

    /** The full normalised listing plus the change: changedFields, previous price and status; Media added later. */
    public static ObjectNode updated(NormalisedListing listing, JsonNode before, String tenantId, UUID providerId,
                                     long version, Instant at) {
        ObjectNode p = listing.fields().deepCopy();
        p.put("tenantId", tenantId);
        p.put("version", version);
        p.put("occurredAt", at.toString());
        p.put("providerId", providerId.toString());
        p.put("changeType", before == null ? "created" : "updated");
        ArrayNode changed = p.putArray("changedFields");
        if (before != null) {
            ListingNormaliser.changedFields(before, listing.fields()).forEach(changed::add);
        }
        p.set("previousListPrice", before == null || !before.path("ListPrice").isNumber()
                ? NODES.nullNode() : before.get("ListPrice"));
        p.set("previousStandardStatus", before == null || !before.path("StandardStatus").isTextual()
                ? NODES.nullNode() : before.get("StandardStatus"));
        if (!p.has("ListPrice")) {
            p.putNull("ListPrice");
        }
        return p;
    }

    /** Media as the app should show them now: our copy when it is current, else the provider's URL. */
    public static ArrayNode media(List<MediaRow> rows, MediaUrls urls) {
        ArrayNode out = NODES.arrayNode();
        for (MediaRow m : rows) {
            ObjectNode o = out.addObject();
            o.put("MediaKey", m.mediaKey());
            o.put("MediaURL", m.s3Key() != null ? urls.publicUrl(m.s3Key()) : m.providerUrl());
            o.put("Order", m.order());
            if (m.category() != null) {
                o.put("MediaCategory", m.category());
            }
            if (m.modificationTimestamp() != null) {
                o.put("MediaModificationTimestamp", m.modificationTimestamp().toString());
            }
        }
        return out;
    }

    public static OutboxEvent updatedEvent(String listingKey, String tenantId, Instant at, ObjectNode payload) {
        return OutboxEvent.of(UPDATED, "property", listingKey, tenantId, at, payload);
    }

    public static OutboxEvent removedEvent(String listingKey, String tenantId, UUID providerId, long version,
                                           String listingId, String lastStatus, Instant lastSeen, Instant at) {
        ObjectNode p = NODES.objectNode();
        p.put("ListingKey", listingKey);
        p.put("tenantId", tenantId);
        p.put("version", version);
        p.put("occurredAt", at.toString());
        p.put("providerId", providerId.toString());
        p.put("reason", "missing-from-feed");
        if (listingId != null) {
            p.put("ListingId", listingId);
        }
        p.put("lastStandardStatus", lastStatus);
        p.put("lastSeenAt", lastSeen == null ? null : lastSeen.toString());
        return OutboxEvent.of(REMOVED, "property", listingKey, tenantId, at, p);
    }

    public static OutboxEvent completedEvent(ClaimedRun run, String outcome, Instant finishedAt, Instant watermark,
                                             com.keystone.crm.property.repository.RunCounts counts, String errorSummary) {
        ObjectNode p = NODES.objectNode();
        p.put("providerId", run.providerId().toString());
        p.put("tenantId", run.tenantId());
        p.put("version", Math.max(1, run.seq()));
        p.put("occurredAt", finishedAt.toString());
        p.put("syncRunId", run.runId().toString());
        p.put("mode", run.mode().wire());
        p.put("outcome", outcome);
        p.put("protocol", run.provider().protocol);
        p.put("trigger", run.trigger());
        p.put("startedAt", (run.startedAt() == null ? finishedAt : run.startedAt()).toString());
        p.put("finishedAt", finishedAt.toString());
        p.put("watermark", watermark == null ? null : watermark.toString());
        p.put("recordsFetched", counts.fetched());
        p.put("recordsChanged", counts.changed());
        p.put("recordsRemoved", counts.removed());
        p.put("photosQueued", counts.photosQueued());
        p.put("errorCount", counts.errors());
        if (errorSummary != null) {
            p.put("errorSummary", errorSummary.length() > 2000 ? errorSummary.substring(0, 2000) : errorSummary);
        }
        return OutboxEvent.of(SYNC_COMPLETED, "mls-provider", run.providerId().toString(), run.tenantId(), finishedAt, p);
    }
}

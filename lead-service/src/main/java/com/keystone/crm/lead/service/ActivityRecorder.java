package com.keystone.crm.lead.service;

import com.keystone.crm.lead.domain.Activity;
import com.keystone.crm.lead.domain.Lead;
import com.keystone.crm.lead.repository.ActivityRepository;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Adds an entry to a lead's timeline and publishes it as {@code lead.activity-recorded} in the same transaction,
 * so workflows and scoring see every inquiry, message, listing match, status or score change.
 */
@ApplicationScoped
public class ActivityRecorder {
    private final ActivityRepository activities;
    private final OutboxWriter outbox;

    public ActivityRecorder(ActivityRepository activities, OutboxWriter outbox) {
        this.activities = activities;
        this.outbox = outbox;
    }

    /**
     * @param type    kebab-case activity type of the contract (inquiry, call-logged, listing-match, ...)
     * @param eventId the consumed event it came from, or null
     * @param extra   more payload fields of lead.activity-recorded (channel, listingKey, savedSearchId, ...)
     */
    public Uni<Activity> record(Lead lead, String type, String summary, String actorId, Instant occurredAt,
                                UUID eventId, Map<String, Object> extra) {
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        a.tenantId = lead.tenantId;
        a.leadId = lead.id;
        a.kind = type;
        a.summary = summary;
        a.actorId = actorId;
        a.occurredAt = occurredAt;
        a.eventId = eventId;
        a.channel = extra == null ? null : (String) extra.get("channel");
        a.details = extra == null ? null : withoutNulls(extra);
        if (lead.lastActivityAt == null || occurredAt.isAfter(lead.lastActivityAt)) {
            lead.lastActivityAt = occurredAt;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("leadId", lead.id);
        payload.put("tenantId", lead.tenantId);
        payload.put("version", lead.aggregateVersion());
        payload.put("occurredAt", occurredAt);
        payload.put("activityId", a.id);
        payload.put("activityType", type);
        if (summary != null) {
            payload.put("summary", summary);
        }
        if (actorId != null) {
            payload.put("actorId", actorId);
        }
        if (extra != null) {
            extra.forEach((k, v) -> {
                if (v != null) {
                    payload.put(k, v);
                }
            });
        }
        return activities.persist(a)
                .call(saved -> outbox.append(OutboxEvent.of(EventTypes.LEAD_ACTIVITY_RECORDED, "lead", lead.id.toString(),
                        lead.tenantId, occurredAt, payload)));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            if (v != null) {
                // stored as JSON: identifiers and instants as their ISO text, as on the wire
                out.put(k, v instanceof UUID || v instanceof Instant ? v.toString() : v);
            }
        });
        return out;
    }
}

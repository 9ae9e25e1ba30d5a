package com.keystone.crm.lead.timeline.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.keystone.crm.lead.timeline.domain.Activity;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.timeline.repository.ActivityRepository;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Adds an entry to a lead's timeline and publishes it as {@code lead.activity-recorded} in the same transaction,
 * so workflows and scoring see every inquiry, message, listing match, status or score change.
 */
@ApplicationScoped
public class ActivityRecorder {
    /** The payload fields every activity has; the others are the activity's own, kept as its details. */
    private static final Set<String> COMMON_FIELDS = Set.of("leadId", "tenantId", "version", "occurredAt", "activityId",
            "activityType", "summary", "actorId");
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    /** Sets the activity's own fields of {@code lead.activity-recorded} (channel, listingKey, details, ...). */
    @FunctionalInterface
    public interface Fields extends Consumer<LeadActivityRecorded.LeadActivityRecordedBuilderBase<? extends LeadActivityRecorded>> {
        Fields NONE = b -> {
        };

        /** Only free-form details. */
        static Fields details(Map<String, Object> details) {
            return b -> b.withDetails(details);
        }

        /** Only the channel. */
        static Fields channel(String channel) {
            return b -> b.withChannel(LeadActivityRecorded.Channel.fromValue(channel));
        }
    }

    private final ActivityRepository activities;
    private final OutboxWriter outbox;
    private final CrmClock clock;

    public ActivityRecorder(ActivityRepository activities, OutboxWriter outbox, CrmClock clock) {
        this.activities = activities;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param type    kebab-case activity type of the contract (inquiry, call-logged, listing-match, ...)
     * @param eventId the consumed event it came from, or null
     * @param fields  the activity's own payload fields ({@link Fields#NONE} or null for none)
     */
    public Uni<Activity> record(Lead lead, String type, String summary, String actorId, Instant occurredAt,
                                UUID eventId, Fields fields) {
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        LeadActivityRecorded.LeadActivityRecordedBuilderBase<? extends LeadActivityRecorded> builder = LeadActivityRecorded.builder()
                .withLeadId(lead.id)
                .withTenantId(lead.tenantId)
                .withVersion(lead.aggregateVersion())
                .withOccurredAt(occurredAt)
                .withActivityId(a.id)
                .withActivityType(type)
                .withSummary(summary)
                .withActorId(actorId);
        if (fields != null) {
            fields.accept(builder);
        }
        LeadActivityRecorded payload = builder.build();
        a.tenantId = lead.tenantId;
        a.leadId = lead.id;
        a.kind = type;
        a.summary = summary;
        a.actorId = actorId;
        a.occurredAt = occurredAt;
        a.eventId = eventId;
        a.channel = payload.getChannel() == null ? null : payload.getChannel().value();
        a.details = fields == null ? null : ownFields(payload);
        if (lead.lastActivityAt == null || occurredAt.isAfter(lead.lastActivityAt)) {
            lead.lastActivityAt = occurredAt;
            // the app shows the last activity time: its delta sync must see the lead again
            lead.touched(clock.now());
        }
        return activities.persist(a)
                .call(saved -> outbox.append(OutboxEvent.of("lead", lead.id.toString(), payload)));
    }

    /** Stored as JSON: the activity's own fields as on the wire (identifiers and instants as ISO text). */
    private static Map<String, Object> ownFields(LeadActivityRecorded payload) {
        Map<String, Object> out = EventJson.mapper().convertValue(payload, JSON_OBJECT);
        out.keySet().removeAll(COMMON_FIELDS);
        return out;
    }
}

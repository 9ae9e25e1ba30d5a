package com.keystone.crm.lead.timeline.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** The {@code lead.activity-recorded} payload of a timeline entry, and the entry's own fields read back from it. */
public final class ActivityEvents {
    /** The payload fields every activity has; the others are the activity's own, kept as its details. */
    private static final Set<String> COMMON_FIELDS = Set.of("leadId", "tenantId", "version", "occurredAt", "activityId",
            "activityType", "summary", "actorId");
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private ActivityEvents() {
    }

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

    /** The payload of one timeline entry of the lead ({@code fields} may be null). */
    public static LeadActivityRecorded recorded(Lead lead, UUID activityId, String type, String summary, String actorId,
                                                Instant occurredAt, Fields fields) {
        LeadActivityRecorded.LeadActivityRecordedBuilderBase<? extends LeadActivityRecorded> builder = LeadActivityRecorded.builder()
                .withLeadId(lead.id)
                .withTenantId(lead.tenantId)
                .withVersion(lead.aggregateVersion())
                .withOccurredAt(occurredAt)
                .withActivityId(activityId)
                .withActivityType(type)
                .withSummary(summary)
                .withActorId(actorId);
        if (fields != null) {
            fields.accept(builder);
        }
        return builder.build();
    }

    /** Stored as JSON: the activity's own fields as on the wire (identifiers and instants as ISO text). */
    public static Map<String, Object> ownFields(LeadActivityRecorded payload) {
        Map<String, Object> out = EventJson.mapper().convertValue(payload, JSON_OBJECT);
        out.keySet().removeAll(COMMON_FIELDS);
        return out;
    }
}

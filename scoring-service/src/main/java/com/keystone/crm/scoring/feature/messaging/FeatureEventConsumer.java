package com.keystone.crm.scoring.feature.messaging;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadAssigned;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.feature.service.FeatureStore;
import com.keystone.crm.scoring.score.service.ScoreQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The events features are made of: each is appended to its lead's history once (inbox), the lead's state follows,
 * and the lead is queued for a (debounced) new score. Notification events without a lead are not about a lead.
 */
@ApplicationScoped
public class FeatureEventConsumer {
    static final String HANDLER = "feature-store";

    private final IdempotentConsumer consumer;
    private final FeatureStore features;
    private final ScoreQueue queue;

    public FeatureEventConsumer(IdempotentConsumer consumer, FeatureStore features, ScoreQueue queue) {
        this.consumer = consumer;
        this.features = features;
        this.queue = queue;
    }

    @Incoming("lead-created")
    public Uni<Void> onCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadCreated.class, e -> {
            LeadCreated p = e.payload();
            return apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> {
                s.createdAt = p.getCreatedAt() != null ? p.getCreatedAt() : p.getOccurredAt();
                // topics are consumed independently: a later assignment or status may have arrived first
                if (p.getVersion() >= s.leadVersion) {
                    s.status = p.getStatus().value();
                    s.assignedAgentId = p.getAssignedAgentId();
                    s.teamId = p.getTeamId();
                    s.leadVersion = p.getVersion();
                } else if (s.teamId == null) {
                    s.teamId = p.getTeamId(); // an assignment without a team came first
                }
            });
        });
    }

    @Incoming("lead-updated")
    public Uni<Void> onUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadUpdated.class, e -> {
            LeadUpdated p = e.payload();
            return apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> {
                if (p.getVersion() < s.leadVersion) {
                    return; // a stale update: the history keeps it, the state does not go back
                }
                s.leadVersion = p.getVersion();
                if (p.getStatus() != null) {
                    s.status = p.getStatus().value();
                }
                if (p.getChangedFields().contains("assignedAgentId")) {
                    s.assignedAgentId = p.getAssignedAgentId();
                }
                if (p.getChangedFields().contains("teamId")) {
                    s.teamId = p.getTeamId();
                }
                if (p.getCreatedAt() != null && s.createdAt == null) {
                    s.createdAt = p.getCreatedAt();
                }
                if (Boolean.TRUE.equals(p.getDeleted()) || p.getMergedIntoLeadId() != null) {
                    s.deleted = true;
                }
            });
        });
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onStatusChanged(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadStatusChanged.class, e -> {
            LeadStatusChanged p = e.payload();
            return apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> {
                if (p.getVersion() >= s.leadVersion) {
                    s.leadVersion = p.getVersion();
                    s.status = p.getToStatus().value();
                }
            });
        });
    }

    @Incoming("lead-assigned")
    public Uni<Void> onAssigned(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadAssigned.class, e -> {
            LeadAssigned p = e.payload();
            return apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> {
                if (p.getVersion() >= s.leadVersion) {
                    s.leadVersion = p.getVersion();
                    s.assignedAgentId = p.getAssignedAgentId();
                    if (p.getTeamId() != null) {
                        s.teamId = p.getTeamId();
                    }
                }
            });
        });
    }

    @Incoming("lead-activity-recorded")
    public Uni<Void> onActivity(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadActivityRecorded.class, e -> {
            LeadActivityRecorded p = e.payload();
            // scoring's own score-change entries would make a lead re-score itself
            if ("score-change".equals(p.getActivityType())) {
                return Uni.createFrom().voidItem();
            }
            return apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> { });
        });
    }

    @Incoming("notification-delivered")
    public Uni<Void> onDelivered(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, NotificationDelivered.class, e -> {
            NotificationDelivered p = e.payload();
            return p.getLeadId() == null ? Uni.createFrom().voidItem()
                    : apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> { });
        });
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, NotificationReplied.class, e -> {
            NotificationReplied p = e.payload();
            return p.getLeadId() == null ? Uni.createFrom().voidItem()
                    : apply(e, p.getTenantId(), p.getLeadId(), p.getOccurredAt(), s -> { });
        });
    }

    private <T extends EventPayload> Uni<Void> apply(IncomingEvent<T> e, String tenantId, UUID leadId, Instant occurredAt,
                                                     Consumer<LeadState> change) {
        UUID eventId = e.attributes().id();
        return features.record(eventId, e.type(), tenantId, leadId, occurredAt, e.payload(), change)
                .chain(state -> state.tenantId.equals(tenantId) ? queue.request(tenantId, leadId) : Uni.createFrom().voidItem());
    }
}

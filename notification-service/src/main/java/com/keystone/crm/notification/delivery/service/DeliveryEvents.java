package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** notification.delivered and notification.failed of a delivery, through the outbox in the caller's transaction. */
@ApplicationScoped
public class DeliveryEvents {
    static final String AGGREGATE = "notification";

    private final OutboxWriter outbox;
    private final CrmClock clock;

    public DeliveryEvents(OutboxWriter outbox, CrmClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** sent (the provider accepted it) or delivered (the provider confirmed it). */
    public Uni<Void> delivered(Notification n, NotificationDelivered.Status status) {
        return outbox.append(deliveredEvent(n, status));
    }

    /** notification.delivered as {@link #delivered} writes it, for the caller to append with others. */
    public OutboxEvent deliveredEvent(Notification n, NotificationDelivered.Status status) {
        return delivered(n, status, n.nextEventVersion());
    }

    /** notification.delivered of a delivery whose {@code event_version} the statement that changed it advanced. */
    public OutboxEvent deliveredEventAsRecorded(Notification n, NotificationDelivered.Status status) {
        return delivered(n, status, n.eventVersion);
    }

    private OutboxEvent delivered(Notification n, NotificationDelivered.Status status, int version) {
        NotificationDelivered event = NotificationDelivered.builder()
                .withDeliveryId(n.id).withTenantId(n.tenantId).withVersion((long) version)
                .withOccurredAt(clock.now()).withRequestId(n.requestId).withChannel(Channel.fromValue(n.channel))
                .withStatus(status).withProvider(n.provider).withProviderMessageId(n.providerMessageId)
                .withAttempt((long) Math.max(1, n.attempts)).withTemplateKey(n.templateKey)
                .withLeadId(n.leadId).withUserId(n.userId).withWorkflowId(n.workflowId)
                .withEnrollmentId(n.enrollmentId).withStepId(n.stepId)
                .build();
        return OutboxEvent.of(AGGREGATE, n.id.toString(), event);
    }

    /** Several events in one outbox statement, in the caller's transaction. */
    public Uni<Void> appendAll(List<OutboxEvent> events) {
        return events.isEmpty() ? Uni.createFrom().voidItem() : outbox.appendAll(events);
    }

    public Uni<Void> failed(Notification n, NotificationFailed.Reason reason, boolean permanent) {
        NotificationFailed event = NotificationFailed.builder()
                .withDeliveryId(n.id).withTenantId(n.tenantId).withVersion((long) n.nextEventVersion())
                .withOccurredAt(clock.now()).withRequestId(n.requestId).withChannel(Channel.fromValue(n.channel))
                .withReason(reason).withPermanent(permanent).withProvider(n.provider)
                .withErrorCode(truncate(n.errorCode, 100)).withErrorMessage(truncate(n.errorMessage, 2000))
                .withAttempts((long) n.attempts).withTemplateKey(n.templateKey)
                .withLeadId(n.leadId).withUserId(n.userId).withWorkflowId(n.workflowId)
                .withEnrollmentId(n.enrollmentId).withStepId(n.stepId)
                .build();
        return outbox.append(OutboxEvent.of(AGGREGATE, n.id.toString(), event));
    }

    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

package com.keystone.crm.notification.delivery.messaging;

import com.keystone.crm.notification.delivery.service.DeliveryWorker;
import com.keystone.crm.notification.delivery.service.NotificationIntake;
import com.keystone.crm.notification.delivery.service.SendCommand;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * notification.requested into the delivery queue: once per event (inbox) and once per request id (the intake), so
 * neither a redelivered record nor a re-published command sends twice. A poll at a time ({@code batch=true}): its
 * requests are taken in one transaction with one inbox statement and one look-up of their request ids, then the
 * delivery worker is woken.
 */
@ApplicationScoped
public class NotificationRequestedConsumer {
    static final String HANDLER = "notification-intake";

    private final IdempotentConsumer consumer;
    private final NotificationIntake intake;
    private final DeliveryWorker worker;

    public NotificationRequestedConsumer(IdempotentConsumer consumer, NotificationIntake intake, DeliveryWorker worker) {
        this.consumer = consumer;
        this.intake = intake;
        this.worker = worker;
    }

    @Incoming("notification-requested")
    public Uni<Void> onRequested(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, HANDLER, NotificationRequested.class,
                        events -> intake.acceptAll(events.stream().map(e -> command(e.payload())).toList()))
                .invoke(worker::wake);
    }

    static SendCommand command(NotificationRequested r) {
        Recipient to = r.getRecipient();
        return new SendCommand(r.getTenantId(), r.getRequestId(), r.getChannel().value(), r.getCategory().value(),
                to.getKind().value(), to.getLeadId() != null ? to.getLeadId() : r.getLeadId(),
                to.getUserId() != null ? to.getUserId() : r.getUserId(), to.getEmail(), to.getPhone(), to.getName(),
                to.getTimezone(), r.getTemplateKey(), r.getTemplateVariables(), r.getSubject(), r.getBody(),
                r.getLocale(), r.getNotBefore(), r.getRequestedBy(), r.getWorkflowId(), r.getEnrollmentId(), r.getStepId(),
                null);
    }
}

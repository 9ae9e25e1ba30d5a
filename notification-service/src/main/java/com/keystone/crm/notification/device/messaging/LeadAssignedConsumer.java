package com.keystone.crm.notification.device.messaging;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.notification.delivery.service.DeliveryWorker;
import com.keystone.crm.notification.delivery.service.NotificationIntake;
import com.keystone.crm.notification.delivery.service.PushData;
import com.keystone.crm.notification.delivery.service.SendCommand;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.LeadAssigned;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * lead.assigned → a "new lead assigned to you" push to the assigned agent's devices (the speed-to-lead alert), once
 * per assignment: the request id is derived from the lead and the event's version, so a redelivered or re-published
 * assignment is the same request. Devices whose owner turned lead alerts off are skipped; an agent without devices
 * gets a notification.failed no-device (the workflow can fall back to SMS).
 */
@ApplicationScoped
public class LeadAssignedConsumer {
    static final String HANDLER = "lead-assigned-push";

    private final IdempotentConsumer consumer;
    private final NotificationIntake intake;
    private final DeliveryWorker worker;
    private final NotifyConfig.Push push;

    public LeadAssignedConsumer(IdempotentConsumer consumer, NotificationIntake intake, DeliveryWorker worker, NotifyConfig config) {
        this.consumer = consumer;
        this.intake = intake;
        this.worker = worker;
        this.push = config.push();
    }

    @Incoming("lead-assigned")
    public Uni<Void> onAssigned(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadAssigned.class, event -> intake.accept(command(event.payload())).replaceWithVoid())
                .invoke(worker::wake);
    }

    SendCommand command(LeadAssigned e) {
        UUID requestId = UUID.nameUUIDFromBytes(("lead.assigned\u001f" + e.getTenantId() + "\u001f" + e.getLeadId() + "\u001f"
                + e.getVersion() + "\u001f" + e.getAssignedAgentId()).getBytes(StandardCharsets.UTF_8));
        return new SendCommand(e.getTenantId(), requestId, "push", "transactional", "user", e.getLeadId(),
                e.getAssignedAgentId(), null, null, null, null, null, null, push.leadAssignedTitle(),
                push.leadAssignedBody(), null, null, "lead-service", null, null, null, PushData.leadAssigned(e.getMethod()));
    }
}

package com.keystone.crm.workflow.delivery.messaging;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import com.keystone.crm.workflow.delivery.service.DeliveryOutcomes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** notification-service's delivery outcomes, each through the inbox (applied once per event id). */
@ApplicationScoped
public class DeliveryConsumers {
    private final IdempotentConsumer consumer;
    private final DeliveryOutcomes outcomes;

    public DeliveryConsumers(IdempotentConsumer consumer, DeliveryOutcomes outcomes) {
        this.consumer = consumer;
        this.outcomes = outcomes;
    }

    @Incoming("notification-delivered")
    public Uni<Void> onDelivered(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-deliveries", NotificationDelivered.class, e -> outcomes.delivered(e.payload()));
    }

    @Incoming("notification-failed")
    public Uni<Void> onFailed(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-delivery-failures", NotificationFailed.class, e -> outcomes.failed(e.payload()));
    }
}

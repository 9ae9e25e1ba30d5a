package com.keystone.crm.lead.timeline.messaging;

import com.keystone.crm.lead.timeline.service.NotificationReplies;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** notification.replied from notification-service: a message-replied entry on the lead's timeline. */
@ApplicationScoped
public class NotificationRepliedConsumer {
    static final String HANDLER = "notification-replies";

    private final IdempotentConsumer consumer;
    private final NotificationReplies replies;

    public NotificationRepliedConsumer(IdempotentConsumer consumer, NotificationReplies replies) {
        this.consumer = consumer;
        this.replies = replies;
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, NotificationReplied.class, replies::apply);
    }
}

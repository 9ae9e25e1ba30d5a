package com.keystone.crm.lead.directory.messaging;

import com.keystone.crm.lead.directory.service.UserDirectory;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** user.created / user.updated from the api-gateway: the tenants and agents this service knows. */
@ApplicationScoped
public class UserDirectoryConsumer {
    static final String HANDLER = "user-directory";

    private final IdempotentConsumer consumer;
    private final UserDirectory directory;

    public UserDirectoryConsumer(IdempotentConsumer consumer, UserDirectory directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    @Incoming("user-created")
    public Uni<Void> onUserCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, UserCreated.class, directory::applyCreated);
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, UserUpdated.class, directory::applyUpdated);
    }
}

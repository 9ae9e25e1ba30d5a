package com.keystone.crm.platform.chassis.revocation;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the gateway's auth.access-revoked events once per service (inbox) into {@link AccessRevocations}.
 * A service switches it on at build time with {@code crm.revocation.consume=true} and the channel
 * {@code mp.messaging.incoming.auth-access-revoked.topic=auth.access-revoked}; the gateway, which publishes them,
 * leaves it off.
 */
@ApplicationScoped
@IfBuildProperty(name = "crm.revocation.consume", stringValue = "true")
public class AccessRevocationConsumer {
    public static final String CHANNEL = "auth-access-revoked";
    static final String HANDLER = "access-revocations";

    private final IdempotentConsumer consumer;
    private final AccessRevocations revocations;

    public AccessRevocationConsumer(IdempotentConsumer consumer, AccessRevocations revocations) {
        this.consumer = consumer;
        this.revocations = revocations;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onRevoked(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, AuthAccessRevoked.class, event -> revocations.record(event.payload()));
    }
}

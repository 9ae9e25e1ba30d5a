package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.LeadScored;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only consumer of lead.scored through {@link IdempotentConsumer}. The effect inserts an {@link AppliedScore};
 * a {@code modelVersion} of {@value #FLAKY} fails its first attempt, {@value #ALWAYS_FAILS} every attempt, with
 * a transient (retried) error.
 */
@ApplicationScoped
public class ScoreConsumer {
    public static final String HANDLER = "chassis-test-scores";
    public static final String FLAKY = "flaky";
    public static final String ALWAYS_FAILS = "always-fails";
    /** Effect invocations per event id (a redelivery skipped by the inbox does not count). */
    public static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private final IdempotentConsumer consumer;

    public ScoreConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("lead-scored")
    public Uni<Void> onLeadScored(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadScored.class, this::apply);
    }

    private Uni<Void> apply(IncomingEvent<LeadScored> event) {
        UUID id = event.attributes().id();
        int attempt = ATTEMPTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        String model = event.payload().getModelVersion();
        if (ALWAYS_FAILS.equals(model) || (FLAKY.equals(model) && attempt == 1)) {
            return Uni.createFrom().failure(new IllegalStateException("simulated transient failure, attempt " + attempt));
        }
        AppliedScore s = new AppliedScore();
        s.id = UUID.randomUUID();
        s.eventId = id;
        s.leadId = event.key();
        s.tenantId = event.attributes().tenant();
        s.score = event.payload().getScore();
        s.appliedAt = Instant.now();
        return s.persist().replaceWithVoid();
    }
}

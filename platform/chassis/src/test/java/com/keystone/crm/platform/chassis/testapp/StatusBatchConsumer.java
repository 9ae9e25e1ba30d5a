package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only batch consumer of lead.status-changed ({@code batch=true}) through {@link IdempotentConsumer#handleBatch}.
 * Each event becomes an {@link AppliedStatus}; an event changed by {@value #ALWAYS_FAILS} fails every attempt with a
 * transient (retried) error, and with it its whole batch.
 */
@ApplicationScoped
public class StatusBatchConsumer {
    public static final String HANDLER = "chassis-test-statuses";
    public static final String ALWAYS_FAILS = "always-fails";
    /** Effect invocations per event id (a redelivery skipped by the inbox does not count). */
    public static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    /** The size of every batch the channel delivered. */
    public static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();

    private final IdempotentConsumer consumer;

    public StatusBatchConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        BATCH_SIZES.add(batch.getRecords().size());
        return consumer.handleBatch(batch, HANDLER, LeadStatusChanged.class, this::apply);
    }

    private Uni<Void> apply(List<IncomingEvent<LeadStatusChanged>> events) {
        for (IncomingEvent<LeadStatusChanged> event : events) {
            ATTEMPTS.computeIfAbsent(event.attributes().id(), k -> new AtomicInteger()).incrementAndGet();
            if (ALWAYS_FAILS.equals(event.payload().getChangedBy())) {
                return Uni.createFrom().failure(new IllegalStateException("simulated transient failure"));
            }
        }
        List<AppliedStatus> rows = events.stream().map(event -> {
            AppliedStatus s = new AppliedStatus();
            s.id = UUID.randomUUID();
            s.eventId = event.attributes().id();
            s.leadId = event.payload().getLeadId();
            s.toStatus = event.payload().getToStatus().value();
            s.appliedAt = Instant.now();
            return s;
        }).toList();
        return Panache.getSession().chain(session -> session.persistAll(rows.toArray()));
    }
}

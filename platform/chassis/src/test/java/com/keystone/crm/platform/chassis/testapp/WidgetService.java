package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.idempotency.IdempotencyKeys;
import com.keystone.crm.platform.chassis.inbox.Inbox;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.contracts.EventTypes;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.Reason;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The test application's transactions: a change plus its outbox event, idempotent creates, inbox records. */
@ApplicationScoped
public class WidgetService {
    static final String SCOPE = "widget.create";

    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final Inbox inbox;

    public WidgetService(OutboxWriter outbox, IdempotencyKeys idempotencyKeys, Inbox inbox) {
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.inbox = inbox;
    }

    public record Created(String id, boolean replayed, Instant occurredAt) {
    }

    @WithTransaction
    public Uni<Created> create(String tenantId, WidgetRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Widget w = widget(request.id(), tenantId, request.name(), now);
        LeadScored payload = LeadScored.builder()
                .withLeadId(w.id)
                .withTenantId(tenantId)
                .withVersion(1L)
                .withOccurredAt(now) // an Instant: written as an RFC 3339 string
                .withScore(BigDecimal.valueOf(request.score()))
                .withTier(ScoreTier.fromValue(request.tier()))
                .withModelVersion("chassis-test-1")
                .withReasons(List.of(Reason.builder().withFeature("source").withContribution(new BigDecimal("0.5"))
                        .withDescription("test").build()))
                .build();
        return w.persist()
                .chain(() -> outbox.append(new OutboxEvent(request.eventId(), EventTypes.LEAD_SCORED, "lead",
                        w.id.toString(), tenantId, now, payload)))
                // both rows reach the database before the transaction fails
                .chain(Panache::flush)
                .chain(() -> request.failAfterAppend()
                        ? Uni.createFrom().failure(ProblemException.conflict("forced-rollback", "failed after the event was appended"))
                        : Uni.createFrom().item(new Created(w.id.toString(), false, now)));
    }

    @WithTransaction
    public Uni<Created> createIdempotent(String tenantId, String key, String name) {
        String hash = IdempotencyKeys.hash(name);
        return idempotencyKeys.previous(tenantId, SCOPE, key, hash)
                .chain(previous -> {
                    if (previous.isPresent()) {
                        return Uni.createFrom().item(new Created(previous.get(), true, null));
                    }
                    Widget w = widget(UUID.randomUUID(), tenantId, name, Instant.now());
                    return w.persist()
                            .call(() -> idempotencyKeys.remember(tenantId, SCOPE, key, hash, w.id.toString()))
                            .map(x -> new Created(w.id.toString(), false, null));
                });
    }

    /** Records a key without looking first, as the loser of two concurrent first attempts does. */
    @WithTransaction
    public Uni<Void> remember(String tenantId, String key, String resourceId) {
        return idempotencyKeys.remember(tenantId, SCOPE, key, IdempotencyKeys.hash(resourceId), resourceId);
    }

    /** Two deliveries of one event to a handler inside one transaction. */
    @WithTransaction
    public Uni<List<Boolean>> deliverTwice(UUID eventId, String handler) {
        return inbox.firstDelivery(eventId, handler, EventTypes.LEAD_SCORED, "/scoring-service")
                .chain(first -> inbox.firstDelivery(eventId, handler, EventTypes.LEAD_SCORED, "/scoring-service")
                        .map(second -> List.of(first, second)));
    }

    private static Widget widget(UUID id, String tenantId, String name, Instant at) {
        Widget w = new Widget();
        w.id = id;
        w.tenantId = tenantId;
        w.name = name;
        w.createdAt = at;
        return w;
    }
}

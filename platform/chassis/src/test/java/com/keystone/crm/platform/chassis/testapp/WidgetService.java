package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.inbox.Inbox;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test application's transactions: a change plus its outbox event, idempotent creates, inbox records. */
@ApplicationScoped
public class WidgetService {
    private final OutboxWriter outbox;
    private final Inbox inbox;
    private final CrmClock clock;
    private final CursorCodec cursors;

    public WidgetService(OutboxWriter outbox, Inbox inbox, CrmClock clock, CursorCodec cursors) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
        this.cursors = cursors;
    }

    public record Created(String id, boolean replayed, Instant occurredAt) {
    }

    @WithTransaction
    public Uni<Created> create(String tenantId, WidgetRequest request) {
        Instant now = clock.now();
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

    /**
     * A plain create (the idempotency is the resource's, around it); {@code holdMillis} keeps the transaction open
     * so that a test can send a duplicate while it is in flight; {@code fail} makes the create fail.
     */
    @WithTransaction
    public Uni<Widget> createNamed(String tenantId, String name, long holdMillis, boolean fail) {
        Widget w = widget(UUID.randomUUID(), tenantId, name, clock.now());
        return w.persist()
                .call(() -> holdMillis <= 0 ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(s -> s.createNativeQuery("SELECT cast(pg_sleep(?1) as text)")
                        .setParameter(1, holdMillis / 1000.0).getSingleResult()))
                .map(x -> {
                    if (fail) {
                        throw ProblemException.unprocessable("widget-refused", "The widget was refused");
                    }
                    return w;
                });
    }

    /** The tenant's widgets, newest first, one keyset page. */
    @WithSession
    public Uni<Page<Map<String, Object>>> list(String tenantId, boolean oldestFirst, int limit, String rawCursor) {
        Keyset keyset = cursors.list(oldestFirst ? "widgets:createdAt" : "widgets:-createdAt");
        Cursor after = keyset.decode(rawCursor);
        String cmp = oldestFirst ? ">" : "<";
        String dir = oldestFirst ? " asc" : " desc";
        StringBuilder hql = new StringBuilder("from Widget where tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (after != null) {
            hql.append(" and (createdAt ").append(cmp).append(" :at or (createdAt = :at and id ").append(cmp).append(" :id))");
            params.put("at", after.instant(0));
            params.put("id", after.uuid());
        }
        hql.append(" order by createdAt").append(dir).append(", id").append(dir);
        return Widget.<Widget>find(hql.toString(), params).page(0, limit + 1).list()
                .map(rows -> keyset.page(rows, limit,
                        w -> Map.<String, Object>of("id", w.id.toString(), "name", w.name, "createdAt", w.createdAt.toString()),
                        w -> Cursor.at(w.id, w.createdAt)));
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

package com.keystone.crm.scoring.score.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Debounce: every event about a lead (re)sets its one request row to be due a little later, so a burst of events
 * is scored once after it. Due rows are taken with SKIP LOCKED, so replicas share the queue without scoring a lead
 * twice at once.
 */
@ApplicationScoped
public class ScoreQueue {
    private final CrmClock clock;
    private final ScoringConfig config;
    private final Pool pool;

    public ScoreQueue(CrmClock clock, ScoringConfig config, Pool pool) {
        this.clock = clock;
        this.config = config;
        this.pool = pool;
    }

    /** In the caller's transaction: the lead is due after the debounce interval. */
    public Uni<Void> request(String tenantId, UUID leadId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO score_request (lead_id, tenant_id, due_at) "
                                + "VALUES (:lead, :tenant, :due) ON CONFLICT (lead_id) DO UPDATE SET due_at = excluded.due_at, "
                                + "tenant_id = excluded.tenant_id")
                        .setParameter("lead", leadId).setParameter("tenant", tenantId)
                        .setParameter("due", clock.now().plus(config.debounce()))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Takes up to {@code limit} due requests off the queue (its own statement, committed at once). */
    public Uni<List<Due>> takeDue(int limit) {
        return pool.preparedQuery("DELETE FROM score_request WHERE lead_id IN (SELECT lead_id FROM score_request "
                        + "WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING lead_id, tenant_id")
                .execute(Tuple.of(OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Due(r.getString("tenant_id"), r.getUUID("lead_id")));
                    }
                    return out;
                });
    }

    public record Due(String tenantId, UUID leadId) {
    }
}

package com.keystone.crm.scoring.schedule.repository;

import com.keystone.crm.scoring.schedule.domain.TenantSchedule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<TenantSchedule, String> {
    private final Pool pool;

    public ScheduleRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * In the caller's transaction: a schedule row, due at {@code next}, for every tenant that has leads or models
     * and none yet. The tenants of lead_state are found with a loose index scan (one index probe per tenant, not a
     * pass over every lead).
     */
    public Uni<Integer> ensureTenants(Instant next) {
        return Panache.getSession().chain(s -> s.createNativeQuery("WITH RECURSIVE t AS ("
                        + "SELECT min(tenant_id) AS id FROM lead_state "
                        + "UNION ALL SELECT (SELECT min(tenant_id) FROM lead_state WHERE tenant_id > t.id) FROM t WHERE t.id IS NOT NULL) "
                        + "INSERT INTO scoring_schedule (tenant_id, next_check_at) "
                        + "SELECT id, cast(:next as timestamptz) FROM t WHERE id IS NOT NULL "
                        + "UNION SELECT DISTINCT tenant_id, cast(:next as timestamptz) FROM model_version "
                        + "ON CONFLICT (tenant_id) DO NOTHING")
                .setParameter("next", next).executeUpdate());
    }

    /**
     * Claims the next due tenant, in its own statement (committed at once): its next check moves to {@code retryAt},
     * so no other instance takes it, and it is due again then if this instance dies before completing it. Rows
     * another instance is claiming are skipped (SKIP LOCKED). Null when nothing is due.
     */
    public Uni<Claimed> claimDue(Instant now, Instant retryAt) {
        return pool.preparedQuery("UPDATE scoring_schedule SET next_check_at = $2 WHERE tenant_id = (SELECT tenant_id "
                        + "FROM scoring_schedule WHERE next_check_at <= $1 ORDER BY next_check_at, tenant_id LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED) RETURNING tenant_id, cron")
                .execute(Tuple.of(utc(now), utc(retryAt)))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Claimed(r.getString("tenant_id"), r.getString("cron"));
                });
    }

    /** In the caller's transaction: the check of {@code tenantId} is done; the next is due at {@code next}. */
    public Uni<Integer> complete(String tenantId, Instant next, Instant checkedAt) {
        return update("nextCheckAt = ?1, lastCheckAt = ?2 where tenantId = ?3", next, checkedAt, tenantId);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** A claimed tenant and its own cron (null: the default). */
    public record Claimed(String tenantId, String cron) {
    }
}

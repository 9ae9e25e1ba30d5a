package com.keystone.crm.property.repository;

import com.keystone.crm.property.domain.SyncErrorRecord;
import com.keystone.crm.property.domain.SyncRun;
import com.keystone.crm.property.domain.Checkpoint;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sync runs, their checkpoints and errors. */
@ApplicationScoped
public class SyncRunRepository implements PanacheRepositoryBase<SyncRun, UUID> {
    static final String INSERT = "INSERT INTO sync_run (id, provider_id, tenant_id, mode, trigger, state) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    static final String START = "UPDATE sync_run SET state = 'running', attempts = 1, seq = cast(cast(?2 as text) as bigint), "
            + "since_watermark = cast(cast(?3 as text) as timestamptz), started_at = now(), updated_at = now() WHERE id = ?1";
    static final String RESUME = "UPDATE sync_run SET trigger = 'resume', attempts = attempts + 1, updated_at = now() "
            + "WHERE id = ?1";
    static final String CHECKPOINT_INSERT = "INSERT INTO sync_checkpoint (run_id, provider_id, phase, resume_from) "
            + "VALUES (?1, ?2, 'records', cast(cast(?3 as text) as timestamptz)) ON CONFLICT (run_id) DO NOTHING";
    static final String CHECKPOINT_READ = "SELECT phase, to_json(resume_from)#>>'{}', to_json(max_seen)#>>'{}', "
            + "cast(ascending as text), cast(batches as text) FROM sync_checkpoint WHERE run_id = ?1";
    static final String CHECKPOINT_WRITE = "UPDATE sync_checkpoint SET phase = ?2, "
            + "resume_from = cast(cast(?3 as text) as timestamptz), max_seen = cast(cast(?4 as text) as timestamptz), "
            + "ascending = cast(cast(?5 as text) as boolean), batches = batches + cast(cast(?6 as text) as bigint), "
            + "updated_at = now() WHERE run_id = ?1";
    static final String ADVANCE = "UPDATE sync_run SET records_fetched = records_fetched + cast(cast(?2 as text) as bigint), "
            + "records_changed = records_changed + cast(cast(?3 as text) as bigint), "
            + "records_unchanged = records_unchanged + cast(cast(?4 as text) as bigint), "
            + "records_removed = records_removed + cast(cast(?5 as text) as bigint), "
            + "photos_queued = photos_queued + cast(cast(?6 as text) as bigint), "
            + "error_count = error_count + cast(cast(?7 as text) as bigint), "
            + "watermark = CASE WHEN cast(?8 as text) IS NULL THEN watermark ELSE cast(cast(?8 as text) as timestamptz) END, "
            + "updated_at = now() WHERE id = ?1";
    static final String FINISH = "UPDATE sync_run SET state = ?2, failure_reason = ?3, finished_at = now(), "
            + "updated_at = now() WHERE id = ?1";
    static final String ERROR = "INSERT INTO sync_error (run_id, provider_id, tenant_id, phase, code, kind, listing_key, "
            + "server_message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    public Uni<SyncRun> open(UUID providerId) {
        return find("providerId = ?1 and state in ('queued', 'running') order by createdAt", providerId).firstResult();
    }

    public Uni<SyncRun> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<List<SyncRun>> page(String tenantId, UUID providerId, Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder q = new StringBuilder("tenantId = :tenant");
        var params = io.quarkus.panache.common.Parameters.with("tenant", tenantId);
        if (providerId != null) {
            q.append(" and providerId = :provider");
            params.and("provider", providerId);
        }
        if (afterCreatedAt != null) {
            q.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", afterCreatedAt).and("id", afterId);
        }
        q.append(" order by createdAt desc, id desc");
        return find(q.toString(), params).range(0, limit - 1).list();
    }

    public Uni<List<SyncErrorRecord>> errors(UUID runId, int limit) {
        return SyncErrorRecord.<SyncErrorRecord>find("runId = ?1 order by id", runId).range(0, limit - 1).list();
    }

    public Uni<Void> insert(UUID id, UUID providerId, String tenantId, String mode, String trigger, String state) {
        return NativeSql.execute(INSERT, id, providerId, tenantId, mode, trigger, state).replaceWithVoid();
    }

    public Uni<Void> start(UUID id, UUID providerId, long seq, Instant since) {
        String s = since == null ? null : since.toString();
        return NativeSql.execute(START, id, Long.toString(seq), s)
                .chain(() -> NativeSql.execute(CHECKPOINT_INSERT, id, providerId, s)).replaceWithVoid();
    }

    public Uni<Void> resume(UUID id) {
        return NativeSql.execute(RESUME, id).replaceWithVoid();
    }

    public Uni<Checkpoint> checkpoint(UUID runId) {
        return NativeSql.rows(CHECKPOINT_READ, runId).map(rows -> {
            Object[] r = rows.get(0);
            return new Checkpoint(NativeSql.text(r, 0), NativeSql.instant(r, 1), NativeSql.instant(r, 2),
                    Boolean.parseBoolean(NativeSql.text(r, 3)), NativeSql.number(r, 4));
        });
    }

    public Uni<Void> saveCheckpoint(UUID runId, Checkpoint c, long addedBatches) {
        return NativeSql.execute(CHECKPOINT_WRITE, runId, c.phase(), str(c.resumeFrom()), str(c.maxSeen()),
                Boolean.toString(c.ascending()), Long.toString(addedBatches)).replaceWithVoid();
    }

    public Uni<Void> advance(UUID runId, RunCounts add, Instant watermark) {
        return NativeSql.execute(ADVANCE, runId, Long.toString(add.fetched()), Long.toString(add.changed()),
                Long.toString(add.unchanged()), Long.toString(add.removed()), Long.toString(add.photosQueued()),
                Long.toString(add.errors()), str(watermark)).replaceWithVoid();
    }

    public Uni<Void> finish(UUID runId, String state, String reason) {
        return NativeSql.execute(FINISH, runId, state, reason).replaceWithVoid();
    }

    public Uni<Void> error(UUID runId, UUID providerId, String tenantId, String phase, String code, String kind,
                           String listingKey, String message) {
        return NativeSql.execute(ERROR, runId, providerId, tenantId, phase, code, kind, listingKey,
                truncate(message, 4000)).replaceWithVoid();
    }

    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}

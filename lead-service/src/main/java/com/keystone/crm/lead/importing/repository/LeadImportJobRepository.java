package com.keystone.crm.lead.importing.repository;

import com.keystone.crm.lead.importing.domain.ImportJobStatus;
import com.keystone.crm.lead.importing.domain.LeadImportJob;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Import jobs. The worker's writes are guarded by its lease: each names the owner and changes nothing (0 rows)
 * once another worker has taken the job over, so a worker that was presumed dead cannot double-import a batch.
 * Lease times use the database clock, the one clock every instance shares.
 */
@ApplicationScoped
public class LeadImportJobRepository implements PanacheRepositoryBase<LeadImportJob, UUID> {
    /**
     * The job queue's leases (the chassis's claim with SKIP LOCKED): the oldest queued job, or a running one whose
     * worker let its lease run out; renewals and releases only while the job is still running under that owner.
     */
    static final LeaseTable QUEUE = LeaseTable.on("lead_import_job", "id", "uuid")
            .ready("status IN ('queued', 'running')")
            .order("created_at, id")
            .onClaim("status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), "
                    + "updated_at = now(), version = version + 1")
            .onRelease("status = 'queued', updated_at = now(), version = version + 1")
            .heldOnlyIf("status = 'running'")
            .build();
    static final String ADVANCE = "UPDATE lead_import_job SET processed_rows = processed_rows + ?3, "
            + "created_rows = created_rows + ?4, merged_rows = merged_rows + ?5, failed_rows = failed_rows + ?6, "
            + "skipped_rows = skipped_rows + ?7, checkpoint_row = ?8, updated_at = now(), version = version + 1 "
            + "WHERE id = ?1 AND lease_owner = ?2 AND status = 'running'";
    static final String TOTAL = "UPDATE lead_import_job SET total_rows = ?3, updated_at = now(), version = version + 1 "
            + "WHERE id = ?1 AND lease_owner = ?2 AND status = 'running'";
    static final String FINISH = "UPDATE lead_import_job SET status = ?3, failure_reason = ?4, finished_at = now(), "
            + "lease_owner = NULL, lease_expires_at = NULL, updated_at = now(), version = version + 1 "
            + "WHERE id = ?1 AND lease_owner = ?2";

    public Uni<LeadImportJob> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** Up to {@code limit} of the tenant's jobs, newest first, after the (createdAt, id) of the previous page's last one. */
    public Uni<List<LeadImportJob>> page(String tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return find("tenantId = ?1 order by createdAt desc, id desc", tenantId).range(0, limit - 1).list();
        }
        return find("tenantId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                tenantId, afterCreatedAt, afterId).range(0, limit - 1).list();
    }

    /** Takes the oldest queued job, or a running one whose worker let its lease run out; null when there is none. */
    public Uni<UUID> claimNext(String owner, Duration lease) {
        return QUEUE.claimNext(owner, lease).map(claimed -> claimed == null ? null : UUID.fromString(claimed.key()));
    }

    /** False when the lease is lost (another worker took the job over): stop working on it. */
    public Uni<Boolean> renew(UUID id, String owner, Duration lease) {
        return QUEUE.renew(id.toString(), owner, lease);
    }

    /** Adds a batch's outcome and moves the checkpoint to its last row; false when the lease is lost. */
    public Uni<Boolean> advance(UUID id, String owner, LeadImportCounts counts, int checkpointRow) {
        return execute(ADVANCE, id, owner, counts.processed(), counts.created(), counts.merged(), counts.failed(),
                counts.skipped(), checkpointRow).map(n -> n == 1);
    }

    public Uni<Boolean> total(UUID id, String owner, int totalRows) {
        return execute(TOTAL, id, owner, totalRows).map(n -> n == 1);
    }

    public Uni<Boolean> finish(UUID id, String owner, ImportJobStatus status, String reason) {
        return execute(FINISH, id, owner, status.wire(), reason).map(n -> n == 1);
    }

    /** Hands a running job back to the queue (this worker is stopping); the next claim resumes at the checkpoint. */
    public Uni<Boolean> release(UUID id, String owner) {
        return QUEUE.release(id.toString(), owner);
    }

    private static Uni<Integer> execute(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }
}

package com.keystone.crm.scoring.training.repository;

import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.scoring.training.domain.TrainingRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

@ApplicationScoped
public class TrainingRunRepository implements PanacheRepositoryBase<TrainingRun, UUID> {
    /** Queued runs, oldest first; a running one whose worker's lease ran out is taken over. */
    static final LeaseTable QUEUE = LeaseTable.on("training_run", "id", "uuid")
            .ready("status IN ('queued', 'running')")
            .order("created_at, id")
            .onClaim("status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now())")
            .onRelease("status = 'queued'")
            .heldOnlyIf("status = 'running'")
            .build();

    public Uni<TrainingRun> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<UUID> claimNext(String owner, Duration lease) {
        return QUEUE.claimNext(owner, lease).map(c -> c == null ? null : UUID.fromString(c.key()));
    }

    /** The fence of a run's final writes: true while {@code owner}'s claim holds it (the row locked until commit). */
    public Uni<Boolean> holds(UUID id, String owner) {
        return QUEUE.holds(id.toString(), owner);
    }

    public Uni<Boolean> release(UUID id, String owner) {
        return QUEUE.release(id.toString(), owner);
    }
}

package com.keystone.crm.workflow.sweep.service;

import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import com.keystone.crm.workflow.config.WorkflowConfig;
import com.keystone.crm.workflow.enrollment.service.EnrollmentWorker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Recurring segment sweeps on the chassis {@link LeasedWorker}: each poll opens the current window of every active
 * {@code schedule} workflow (an insert on the unique (workflow, window) key: the first instance wins, the others
 * find it there), then claims a running sweep ({@code FOR UPDATE SKIP LOCKED} plus a lease) and walks it batch by
 * batch ({@link SweepBatch}). Replicas share sweeps without a coordinator; a crashed holder's sweep resumes from its
 * cursor once the lease runs out. The enrollments it makes start on the timer worker, woken after each batch.
 */
@ApplicationScoped
public class SegmentSweeper extends LeasedWorker<UUID> {
    static final LeaseTable SWEEPS = LeaseTable.on("workflow_sweep", "id", "uuid").ready("state = 'running'")
            .order("opened_at").build();

    private final WorkflowConfig config;
    private final SweepBatch batch;
    private final EnrollmentWorker timers;

    public SegmentSweeper(WorkflowConfig config, SweepBatch batch, EnrollmentWorker timers) {
        super("segment-sweeps");
        this.config = config;
        this.batch = batch;
        this.timers = timers;
    }

    @Override
    protected WorkerSettings settings() {
        WorkflowConfig.Sweep s = config.sweep();
        return new WorkerSettings(s.enabled(), s.pollInterval(), 1, config.worker().stopGrace());
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return batch.openDueWindows().chain(() -> SWEEPS.claimNext(owner, config.sweep().lease()))
                .map(claimed -> claimed == null ? null : UUID.fromString(claimed.key()));
    }

    @Override
    protected void process(UUID id, WorkerLease lease) {
        while (!lease.isStopping()) {
            Boolean more = await(() -> Panache.withTransaction(() -> batch.run(id, lease.owner())));
            timers.wake();
            if (!Boolean.TRUE.equals(more)) {
                break;
            }
            // a long sweep keeps its claim: the lease covers one batch at a time; a lost lease means another holds it
            Boolean kept = await(() -> Panache.withTransaction(() -> SWEEPS.renew(id.toString(), lease.owner(), config.sweep().lease())));
            if (!Boolean.TRUE.equals(kept)) {
                return;
            }
        }
        await(() -> Panache.withTransaction(() -> release(id, lease.owner())));
    }

    @Override
    protected Uni<?> release(UUID id, String owner) {
        return SWEEPS.release(id.toString(), owner);
    }
}

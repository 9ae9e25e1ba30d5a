package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import com.keystone.crm.workflow.config.WorkflowConfig;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The timer worker: claims the enrollment whose timer fell due first ({@code FOR UPDATE SKIP LOCKED}, so replicas
 * and slots take different ones without a coordinator), holds it with a lease, runs its due steps one transaction
 * each, and hands it back. Due is measured by the service clock ({@code CrmClock}), so tests move time; leases use
 * the database clock like every {@link LeaseTable}.
 */
@ApplicationScoped
public class EnrollmentWorker extends LeasedWorker<UUID> {
    static final LeaseTable ENROLLMENTS = LeaseTable.on("enrollment", "id", "uuid").ready("state = 'active'").build();

    private final WorkflowConfig config;
    private final EnrollmentRepository enrollments;
    private final StepRunner runner;
    private final CrmClock clock;

    public EnrollmentWorker(WorkflowConfig config, EnrollmentRepository enrollments, StepRunner runner, CrmClock clock) {
        super("enrollment-timers");
        this.config = config;
        this.enrollments = enrollments;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    protected WorkerSettings settings() {
        WorkflowConfig.Worker w = config.worker();
        return new WorkerSettings(w.enabled(), w.pollInterval(), w.slots(), w.stopGrace());
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return enrollments.lockNextDue(clock.now()).chain(id -> id == null ? Uni.createFrom().nullItem()
                : ENROLLMENTS.claim(id.toString(), owner, config.worker().lease())
                .map(claimed -> claimed == null ? null : UUID.fromString(claimed.key())));
    }

    /**
     * Runs the due steps and hands the enrollment back. A step that fails leaves the lease to run out (the failure
     * propagates to the worker's log), so the step is retried after the lease, not in a tight loop.
     */
    @Override
    protected void process(UUID id, WorkerLease lease) {
        int left = config.worker().maxStepsPerClaim();
        while (left-- > 0 && !lease.isStopping()) {
            Boolean more = await(() -> Panache.withTransaction(() -> runner.runDue(id, lease.owner())));
            if (!Boolean.TRUE.equals(more)) {
                break;
            }
        }
        await(() -> Panache.withTransaction(() -> release(id, lease.owner())));
    }

    @Override
    protected Uni<?> release(UUID id, String owner) {
        return ENROLLMENTS.release(id.toString(), owner);
    }
}

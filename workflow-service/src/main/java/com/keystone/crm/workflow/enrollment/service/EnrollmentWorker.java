package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import com.keystone.crm.workflow.config.WorkflowConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The timer worker. A claim takes a batch: up to {@code crm.workflow.worker.batch-size} enrollments whose timers fell
 * due, oldest first, locked with {@code FOR UPDATE SKIP LOCKED} (so replicas and slots take different ones without a
 * coordinator) and leased together in one statement. The batch's due steps then run in one transaction
 * ({@link StepRunner#runDueBatch}: each enrollment fenced by its own lease, one outbox insert, one history flush),
 * which also hands the leases back in one statement. A batch that fails is run again one enrollment per transaction:
 * the others' steps run once, the failing one keeps its lease until it runs out and is retried then, as a single
 * enrollment always was. Due is measured by the service clock ({@code CrmClock}), so tests move time; leases use the
 * database clock like every {@link LeaseTable}.
 */
@ApplicationScoped
public class EnrollmentWorker extends LeasedWorker<List<UUID>> {
    static final LeaseTable ENROLLMENTS = LeaseTable.on("enrollment", "id", "uuid").ready("state = 'active'").build();
    /** The timers: due active enrollments, oldest due first; the due instant is a bound parameter (one plan). */
    static final LeaseTable DUE = LeaseTable.on("enrollment", "id", "uuid")
            .ready("state = 'active' AND due_at <= " + LeaseTable.param(1, "timestamptz")).order("due_at, id").build();
    private static final Logger LOG = Logger.getLogger(EnrollmentWorker.class);

    private final WorkflowConfig config;
    private final StepRunner runner;
    private final CrmClock clock;

    public EnrollmentWorker(WorkflowConfig config, StepRunner runner, CrmClock clock) {
        super("enrollment-timers");
        this.config = config;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    protected WorkerSettings settings() {
        WorkflowConfig.Worker w = config.worker();
        return new WorkerSettings(w.enabled(), w.pollInterval(), w.slots(), w.stopGrace());
    }

    @Override
    protected Uni<List<UUID>> claimNext(String owner) {
        return claim(clock.now(), owner);
    }

    /** Locks the enrollments of a batch due at {@code now} and leases them all to {@code owner}; null when none is due. */
    Uni<List<UUID>> claim(Instant now, String owner) {
        return DUE.claimNext(owner, config.worker().lease(), config.worker().batchSize(), now).map(claimed -> claimed.isEmpty()
                ? null : claimed.stream().map(c -> UUID.fromString(c.key())).toList());
    }

    /**
     * Runs the batch's due steps and hands it back, in one transaction; on a failure, one enrollment per transaction
     * (a failing one's lease is left to run out, so it is retried after the lease, not in a tight loop).
     */
    @Override
    protected void process(List<UUID> ids, WorkerLease lease) {
        if (lease.isStopping()) {
            return; // the worker hands the batch back
        }
        String owner = lease.owner();
        int maxSteps = config.worker().maxStepsPerClaim();
        List<StepRunner.Ran> ran;
        try {
            ran = await(() -> Panache.withTransaction(() -> runner.runDueBatch(ids, owner, maxSteps)
                    .call(() -> ENROLLMENTS.releaseAll(keys(ids), owner))));
        } catch (RuntimeException e) {
            LOG.warnf("a batch of %d due enrollments failed (%s); running them one by one", ids.size(), e.toString());
            oneByOne(ids, lease);
            return;
        }
        runner.record(ran);
    }

    /** The batch again, each enrollment in its own transactions as before batches; those that ran are handed back. */
    private void oneByOne(List<UUID> ids, WorkerLease lease) {
        List<UUID> done = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            if (lease.isStopping()) {
                break;
            }
            try {
                int left = config.worker().maxStepsPerClaim();
                while (left-- > 0 && !lease.isStopping()) {
                    Boolean more = await(() -> Panache.withTransaction(() -> runner.runDue(id, lease.owner())));
                    if (!Boolean.TRUE.equals(more)) {
                        break;
                    }
                }
                done.add(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "enrollment %s: its due step failed; it is retried when the lease runs out", id);
            }
        }
        await(() -> Panache.withTransaction(() -> ENROLLMENTS.releaseAll(keys(done), lease.owner())));
    }

    @Override
    protected Uni<?> release(List<UUID> ids, String owner) {
        return ENROLLMENTS.releaseAll(keys(ids), owner);
    }

    private static List<String> keys(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}

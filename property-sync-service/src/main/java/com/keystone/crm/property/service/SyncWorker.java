package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.config.SyncConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * This instance's sync worker (the chassis's leased worker): {@code crm.sync.concurrency} threads polling the
 * database for providers with work (a due cron, a queued on-demand run, a run whose worker died), each leasing one
 * provider at a time and running it, so several providers sync at once. The lease claim skips providers another
 * thread or replica holds (SKIP LOCKED, lease not expired): one worker per provider at a time, on any replica.
 * Schedules live in the database (mls_provider.next_run_at from each provider's cron). A run can take minutes: on shutdown it is interrupted at once and resumes from its last
 * checkpoint when its lease runs out.
 */
@ApplicationScoped
public class SyncWorker extends LeasedWorker<ClaimedRun> {
    private final SyncCoordinator coordinator;
    private final SyncEngine engine;
    private final ProviderClients clients;
    private final SyncConfig config;

    public SyncWorker(SyncCoordinator coordinator, SyncEngine engine, ProviderClients clients, SyncConfig config) {
        super("mls-sync");
        this.coordinator = coordinator;
        this.engine = engine;
        this.clients = clients;
        this.config = config;
    }

    @Override
    protected WorkerSettings settings() {
        return new WorkerSettings(config.workerEnabled(), config.pollInterval(), Math.max(1, config.concurrency()),
                Duration.ZERO);
    }

    /** {@code owner} is this claim's own name (the chassis fences per claim, also between slots of one instance). */
    @Override
    protected Uni<ClaimedRun> claimNext(String owner) {
        return coordinator.claimNext(owner);
    }

    @Override
    protected void process(ClaimedRun run, WorkerLease lease) {
        MlsProvider client;
        try {
            client = clients.client(run.provider());
        } catch (RuntimeException e) {
            engine.cannotOpen(run, lease.owner(), e);
            return;
        }
        engine.execute(run, client, lease.owner());
    }
}

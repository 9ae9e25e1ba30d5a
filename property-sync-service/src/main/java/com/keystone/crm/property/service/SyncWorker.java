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
public class SyncWorker extends LeasedWorker<SyncWorker.OwnedRun> {
    /**
     * A claimed run and the lease owner name of this one claim. The chassis gives every slot of the instance the same
     * owner name; a run whose lease ran out (a starved slot) could then be taken by another slot of the same
     * instance and both would pass the owner check of every write. A name per claim keeps the fencing per run.
     */
    record OwnedRun(ClaimedRun run, String owner) {
    }

    private final java.util.concurrent.atomic.AtomicLong claims = new java.util.concurrent.atomic.AtomicLong();

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

    @Override
    protected Uni<OwnedRun> claimNext(String owner) {
        String named = owner + "/" + claims.incrementAndGet();
        // the unique part is at the end: cut from the front to the column's width, as LeaseOwners does
        String claimOwner = named.length() <= com.keystone.crm.platform.chassis.worker.LeaseOwners.MAX_LENGTH ? named
                : named.substring(named.length() - com.keystone.crm.platform.chassis.worker.LeaseOwners.MAX_LENGTH);
        return coordinator.claimNext(claimOwner).map(run -> run == null ? null : new OwnedRun(run, claimOwner));
    }

    @Override
    protected void process(OwnedRun owned, WorkerLease lease) {
        ClaimedRun run = owned.run();
        MlsProvider client;
        try {
            client = clients.client(run.provider());
        } catch (RuntimeException e) {
            engine.cannotOpen(run, owned.owner(), e);
            return;
        }
        engine.execute(run, client, owned.owner());
    }
}

package com.keystone.crm.property.service;

import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.config.SyncConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This instance's sync worker: one thread polling the database for providers with work (a due cron, a queued
 * on-demand run, a run whose worker died), leasing one at a time and running it. Schedules live in the database
 * (mls_provider.next_run_at from each provider's cron), so any replica may run any provider, one at a time.
 */
@ApplicationScoped
public class SyncWorker {
    private static final Logger LOG = Logger.getLogger(SyncWorker.class);

    private final SyncCoordinator coordinator;
    private final SyncEngine engine;
    private final ProviderClients clients;
    private final SyncConfig config;
    private final String owner = WorkerNames.of("sync");
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService thread;

    public SyncWorker(SyncCoordinator coordinator, SyncEngine engine, ProviderClients clients, SyncConfig config) {
        this.coordinator = coordinator;
        this.engine = engine;
        this.clients = clients;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            LOG.info("sync worker disabled on this instance (crm.sync.worker-enabled=false)");
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mls-sync-worker");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::drain, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /** Looks for work now (a run was just requested). */
    public void wake() {
        if (thread == null || stopping || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false);
        }
    }

    void drain() {
        try {
            while (!stopping) {
                ClaimedRun run = SyncEngine.await(() -> Panache.withTransaction(() -> coordinator.claimNext(owner)));
                if (run == null) {
                    return;
                }
                MlsProvider client;
                try {
                    client = clients.client(run.provider());
                } catch (RuntimeException e) {
                    engine.cannotOpen(run, owner, e);
                    continue;
                }
                engine.execute(run, client, owner);
            }
        } catch (RuntimeException e) {
            // the database is unreachable or a run broke unexpectedly: its lease runs out and it resumes
            LOG.error("sync worker: an attempt failed; it will be retried", e);
        }
    }
}

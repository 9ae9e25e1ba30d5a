package com.keystone.crm.lead.service;

import com.keystone.crm.lead.config.LeadImportConfig;
import com.keystone.crm.lead.repository.LeadImportJobRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The import worker of this instance: one thread that claims queued jobs from the database (any instance may
 * have taken the upload) and runs them one at a time. Jobs live in the database, not in this process: a restart
 * or a crash loses nothing, the job resumes from its checkpoint here or on another instance once its lease ends.
 * On a graceful shutdown the running job is handed back to the queue after its current batch.
 */
@ApplicationScoped
public class LeadImportWorker {
    private static final Logger LOG = Logger.getLogger(LeadImportWorker.class);

    private final LeadImportJobRepository jobs;
    private final LeadImportRunner runner;
    private final LeadImportConfig config;
    private final String owner = workerName();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService thread;

    public LeadImportWorker(LeadImportJobRepository jobs, LeadImportRunner runner, LeadImportConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            LOG.info("lead import worker disabled on this instance (crm.import.worker-enabled=false)");
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lead-import-worker");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::drain, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("lead import worker did not stop in time; its job resumes when the lease runs out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for work now instead of at the next poll (an upload on this instance was just committed). */
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
            wakeQueued.set(false); // shutting down
        }
    }

    /** Runs jobs until none is waiting. */
    void drain() {
        try {
            while (!stopping) {
                UUID id = LeadImportRunner.await(() -> Panache.withTransaction(() -> jobs.claimNext(owner, config.lease())));
                if (id == null) {
                    return;
                }
                runner.run(id, owner, () -> stopping);
            }
        } catch (RuntimeException e) {
            // the database is unreachable or a job broke unexpectedly: its lease runs out and it is retried
            LOG.error("lead import worker: a job attempt failed; it will be retried", e);
        }
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + "/" + UUID.randomUUID();
        return name.length() <= 128 ? name : name.substring(name.length() - 128);
    }
}

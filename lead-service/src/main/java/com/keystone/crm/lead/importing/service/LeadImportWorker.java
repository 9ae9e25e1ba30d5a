package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.importing.config.LeadImportConfig;
import com.keystone.crm.lead.importing.repository.LeadImportJobRepository;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * The import worker of this instance (the chassis's leased worker): one thread that claims queued jobs from the
 * database (any instance may have taken the upload) and runs them one at a time. Jobs live in the database, not in
 * this process: a restart or a crash loses nothing, the job resumes from its checkpoint here or on another instance
 * once its lease ends. On a graceful shutdown the running job is handed back to the queue after its current batch.
 */
@ApplicationScoped
public class LeadImportWorker extends LeasedWorker<UUID> {
    /** a batch in flight may finish before the job is handed back */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final LeadImportJobRepository jobs;
    private final LeadImportRunner runner;
    private final LeadImportConfig config;

    public LeadImportWorker(LeadImportJobRepository jobs, LeadImportRunner runner, LeadImportConfig config) {
        super("lead-import");
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
    }

    @Override
    protected WorkerSettings settings() {
        return WorkerSettings.single(config.workerEnabled(), config.pollInterval(), STOP_GRACE);
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return jobs.claimNext(owner, config.lease());
    }

    @Override
    protected void process(UUID jobId, WorkerLease lease) {
        runner.run(jobId, lease.owner(), lease::isStopping);
    }

    @Override
    protected Uni<?> release(UUID jobId, String owner) {
        return jobs.release(jobId, owner);
    }
}

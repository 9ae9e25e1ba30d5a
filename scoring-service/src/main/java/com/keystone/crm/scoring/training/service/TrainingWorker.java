package com.keystone.crm.scoring.training.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.training.repository.TrainingRunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Runs queued training runs, one at a time per instance, on the chassis's leased worker: a run survives a restart
 * (it is queued again when its lease runs out) and is never run by two instances at once.
 */
@ApplicationScoped
public class TrainingWorker extends LeasedWorker<UUID> {
    private final TrainingRunRepository runs;
    private final TrainingJob job;
    private final ScoringConfig config;

    public TrainingWorker(TrainingRunRepository runs, TrainingJob job, ScoringConfig config) {
        super("training");
        this.runs = runs;
        this.job = job;
        this.config = config;
    }

    @Override
    protected WorkerSettings settings() {
        return WorkerSettings.single(config.training().enabled(), config.training().pollInterval(), Duration.ofSeconds(30));
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return runs.claimNext(owner, config.training().lease());
    }

    @Override
    protected void process(UUID runId, WorkerLease lease) {
        job.run(runId, lease);
    }

    @Override
    protected Uni<?> release(UUID runId, String owner) {
        return runs.release(runId, owner);
    }
}

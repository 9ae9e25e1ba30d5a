package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.property.config.SyncConfig;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.domain.SyncMode;
import com.keystone.crm.property.domain.SyncRun;
import com.keystone.crm.property.repository.ProviderRepository;
import com.keystone.crm.property.repository.RunCounts;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Decides what a worker runs once it holds a provider's lease: the run a dead worker left running (resumed from its
 * checkpoint, trigger {@code resume}), else a queued on-demand run, else a scheduled run whose mode follows from the
 * provider's state (no watermark yet: full; reconciliation due: reconciliation; otherwise incremental).
 * Call inside a transaction.
 */
@ApplicationScoped
public class SyncCoordinator {
    private final ProviderRepository providers;
    private final SyncRunRepository runs;
    private final SyncConfig config;
    private final CrmClock clock;

    public SyncCoordinator(ProviderRepository providers, SyncRunRepository runs, SyncConfig config, CrmClock clock) {
        this.clock = clock;
        this.providers = providers;
        this.runs = runs;
        this.config = config;
    }

    public Uni<ClaimedRun> claimNext(String owner) {
        return providers.leaseNext(owner, config.lease()).chain(id -> id == null ? Uni.createFrom().nullItem() : claimed(id));
    }

    /** Claims this provider's work now if no live worker holds it (tests, and a future "run here" admin action). */
    public Uni<ClaimedRun> claim(UUID providerId, String owner) {
        return providers.lease(providerId, owner, config.lease())
                .chain(id -> id == null ? Uni.createFrom().nullItem() : claimed(id));
    }

    private Uni<ClaimedRun> claimed(UUID providerId) {
        return providers.findById(providerId).chain(p -> runs.open(providerId).chain(run -> {
            if (run != null && SyncRun.RUNNING.equals(run.state)) {
                return runs.resume(run.id).chain(() -> runs.checkpoint(run.id)).map(cp -> new ClaimedRun(run.id, p,
                        run.seq == null ? 0 : run.seq, SyncMode.parse(run.mode), "resume", run.attempts + 1,
                        run.startedAt, run.sinceWatermark, cp, new RunCounts(run.recordsFetched, run.recordsChanged,
                        run.recordsUnchanged, run.recordsRemoved, run.photosQueued, run.errorCount)));
            }
            if (run != null) {
                return start(p, run.id, SyncMode.parse(run.mode), run.trigger);
            }
            UUID id = UUID.randomUUID();
            SyncMode mode = scheduledMode(p, clock.now());
            return runs.insert(id, p.id, p.tenantId, mode.wire(), "schedule", SyncRun.QUEUED)
                    .chain(() -> start(p, id, mode, "schedule"));
        }));
    }

    private Uni<ClaimedRun> start(Provider p, UUID runId, SyncMode mode, String trigger) {
        Instant since = mode == SyncMode.FULL ? null : p.watermark;
        Instant now = clock.now();
        return providers.nextSeq(p.id).chain(seq -> runs.start(runId, p.id, seq, since)
                .chain(() -> runs.checkpoint(runId))
                .map(cp -> new ClaimedRun(runId, p, seq, mode, trigger, 1, now, since, cp, RunCounts.ZERO)));
    }

    SyncMode scheduledMode(Provider p, Instant now) {
        if (p.watermark == null) {
            return SyncMode.FULL;
        }
        Duration every = Duration.ofSeconds(p.reconcileEverySeconds);
        if (p.lastReconciledAt == null || p.lastReconciledAt.plus(every).isBefore(now)) {
            return SyncMode.RECONCILIATION;
        }
        return SyncMode.INCREMENTAL;
    }
}

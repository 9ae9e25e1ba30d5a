package com.keystone.crm.scoring.schedule.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.scoring.ab.domain.AbDecision;
import com.keystone.crm.scoring.ab.service.AbTestService;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.drift.domain.CalibrationReport;
import com.keystone.crm.scoring.drift.domain.DriftCheck;
import com.keystone.crm.scoring.drift.domain.DriftReport;
import com.keystone.crm.scoring.drift.messaging.DriftDetectedEvent;
import com.keystone.crm.scoring.drift.repository.DriftCheckRepository;
import com.keystone.crm.scoring.drift.service.CalibrationCheck;
import com.keystone.crm.scoring.drift.service.DriftService;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.repository.ModelVersionRepository;
import com.keystone.crm.scoring.policy.domain.ScoringPolicy;
import com.keystone.crm.scoring.policy.service.PolicyService;
import com.keystone.crm.scoring.schedule.domain.CronSchedule;
import com.keystone.crm.scoring.schedule.domain.RetrainDecision;
import com.keystone.crm.scoring.schedule.domain.RetrainMode;
import com.keystone.crm.scoring.schedule.repository.ScheduleRepository;
import com.keystone.crm.scoring.training.service.TrainingJob;
import com.keystone.crm.scoring.training.service.TrainingRunService;
import com.keystone.crm.scoring.training.service.TrainingWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The scheduled drift check and retraining of every tenant. Each instance looks for due tenants every
 * {@code crm.scoring.schedule.every}; a due tenant is claimed in the database (so with several replicas each check
 * runs once), checked — PSI of the champion's features and scores, its calibration per score decile on matured
 * leads — and the check is recorded with the retraining it queued; an alerting check also publishes
 * {@code model.drift-detected} in the same transaction. A retrained model never replaces the serving champion by
 * itself: the training run proposes it as a challenger (an A/B test whose proof rules decide), and a later check
 * acts on that test's verdict: a proven winner is promoted, a proven loser stopped.
 */
@ApplicationScoped
public class ScheduledChecks {
    private static final Logger LOG = Logger.getLogger(ScheduledChecks.class);

    private final ScheduleRepository schedules;
    private final DriftCheckRepository checks;
    private final ModelVersionRepository models;
    private final PolicyService policies;
    private final DriftService drift;
    private final CalibrationCheck calibration;
    private final TrainingRunService runs;
    private final TrainingWorker worker;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final OutboxWriter outbox;
    private final RetrainMode mode;
    private final AbTestService abTests;

    public ScheduledChecks(ScheduleRepository schedules, DriftCheckRepository checks, ModelVersionRepository models,
                           PolicyService policies, DriftService drift, CalibrationCheck calibration, TrainingRunService runs,
                           TrainingWorker worker, ScoringConfig config, CrmClock clock, ObjectMapper mapper, MeterRegistry metrics,
                           OutboxWriter outbox, AbTestService abTests) {
        this.outbox = outbox;
        this.abTests = abTests;
        this.schedules = schedules;
        this.checks = checks;
        this.models = models;
        this.policies = policies;
        this.drift = drift;
        this.calibration = calibration;
        this.runs = runs;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
        this.metrics = metrics;
        this.mode = RetrainMode.of(config.schedule().retrain());
    }

    @Scheduled(identity = "scoring-schedule", every = "${crm.scoring.schedule.every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!config.schedule().enabled()) {
            return;
        }
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warnf("scheduled checks failed: %s", e.toString());
        }
    }

    /** Runs every check due now (blocking; not on an event loop) and returns what was recorded. */
    public List<DriftCheck> runDue() {
        Instant now = clock.now();
        CronSchedule defaults = CronSchedule.parse(config.schedule().cron(), now);
        LeasedWorker.await(() -> Panache.withTransaction(() -> schedules.ensureTenants(defaults.next(now))));
        List<DriftCheck> done = new ArrayList<>();
        Instant retryAt = now.plus(config.schedule().retryAfter());
        for (ScheduleRepository.Claimed due = claim(now, retryAt); due != null; due = claim(now, retryAt)) {
            try {
                done.add(check(due.tenantId(), effective(due.cron(), defaults, now), now));
            } catch (RuntimeException e) {
                // the claim stays: the tenant is due again at retryAt
                metrics.counter("crm.scoring.schedule.failures", "tenant", due.tenantId()).increment();
                LOG.warnf(e, "scheduled check of tenant %s failed; due again at %s", due.tenantId(), retryAt);
            }
        }
        if (done.stream().anyMatch(c -> c.trainingRunId != null)) {
            worker.wake();
        }
        return done;
    }

    private ScheduleRepository.Claimed claim(Instant now, Instant retryAt) {
        return LeasedWorker.await(() -> schedules.claimDue(now, retryAt));
    }

    /** The tenant's own cron, or the default when it has none (or one that no longer parses). */
    private CronSchedule effective(String cron, CronSchedule defaults, Instant now) {
        if (cron == null) {
            return defaults;
        }
        try {
            return CronSchedule.parse(cron, now);
        } catch (IllegalArgumentException e) {
            LOG.warnf("a tenant's cron '%s' is not usable (%s); the default applies", cron, e.getMessage());
            return defaults;
        }
    }

    DriftCheck check(String tenantId, CronSchedule schedule, Instant now) {
        ScoringPolicy policy = LeasedWorker.await(() -> Panache.withSession(() -> policies.get(tenantId))).policy();
        // a running A/B test is decided first, so that the champion measured below is the one that serves from now
        AbDecision ab = LeasedWorker.await(() -> Panache.withTransaction(() -> abTests.decideScheduled(tenantId,
                TrainingJob.SCHEDULE_ACTOR)));
        ModelVersion champion = LeasedWorker.await(() -> Panache.withSession(() -> models.champion(tenantId)));
        Map<String, Object> report = new LinkedHashMap<>();
        DriftReport driftReport = null;
        CalibrationReport calibrationReport = null;
        if (champion == null) {
            report.put("note", "no champion serves: nothing to measure; training decides whether there is enough data");
        } else {
            if (champion.baseline == null) {
                report.put("note", "model " + champion.name + " was trained before training distributions were kept");
            } else {
                driftReport = LeasedWorker.await(() -> Panache.withSession(() -> drift.evaluate(champion)));
            }
            calibrationReport = calibration.check(champion, policy, now);
        }
        boolean driftAlert = driftReport != null && driftReport.alert();
        boolean calibrationAlert = calibrationReport != null && calibrationReport.alert();
        boolean pending = LeasedWorker.await(() -> Panache.withSession(() -> runs.pending(tenantId)));
        RetrainDecision decision = RetrainDecision.of(mode, driftAlert, calibrationAlert, pending);
        Instant next = schedule.next(now);
        report.put("drift", driftReport);
        report.put("calibration", calibrationReport);
        report.put("abTest", ab);
        report.put("decision", decision);
        report.put("cron", schedule.expression());
        report.put("nextCheckAt", next);

        DriftCheck check = new DriftCheck();
        check.id = UUID.randomUUID();
        check.tenantId = tenantId;
        check.checkedAt = now;
        check.modelName = champion == null ? null : champion.name;
        check.alert = driftAlert || calibrationAlert;
        List<String> drifted = new ArrayList<>(driftReport == null ? List.of() : driftReport.drifted());
        if (calibrationAlert) {
            drifted.add("calibration");
        }
        check.drifted = drifted.toArray(String[]::new);
        check.report = json(report);
        DriftReport measured = driftReport;
        CalibrationReport calibrated = calibrationReport;
        LeasedWorker.await(() -> Panache.withTransaction(() -> (decision.retrain()
                ? runs.queueScheduled(tenantId, decision.trigger(), TrainingJob.SCHEDULE_ACTOR).map(r -> r.id)
                : Uni.createFrom().<UUID>nullItem())
                .chain(runId -> {
                    check.trainingRunId = runId;
                    return checks.persist(check);
                })
                // the alert leaves with the check it belongs to, or not at all
                .call(() -> check.alert ? outbox.append(DriftDetectedEvent.of(check, measured, calibrated))
                        : Uni.createFrom().voidItem())
                .chain(() -> schedules.complete(tenantId, next == null ? now.plus(java.time.Duration.ofDays(3650)) : next, now))));
        metrics.counter("crm.scoring.schedule.checks", "tenant", tenantId, "alert", String.valueOf(check.alert)).increment();
        if (calibrationAlert) {
            metrics.counter("crm.scoring.calibration.alerts", "tenant", tenantId).increment();
            LOG.warnf("calibration drift of model %s in tenant %s: expected calibration error %.3f over %d matured leads",
                    champion.name, tenantId, calibrationReport.expectedCalibrationError(), calibrationReport.leads());
        }
        LOG.infof("scheduled check of tenant %s: alert=%s %s; %s", tenantId, check.alert, drifted, decision.reason());
        if (ab != null) {
            metrics.counter("crm.scoring.ab.decisions", "tenant", tenantId, "action", ab.action()).increment();
            LOG.infof("A/B test of %s in tenant %s: %s, %s", ab.challenger(), tenantId, ab.verdict(), ab.action());
        }
        return check;
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

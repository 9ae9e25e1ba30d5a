package com.keystone.crm.scoring.training.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.ab.domain.ChallengerProposal;
import com.keystone.crm.scoring.ab.service.AbTestService;
import io.smallrye.mutiny.Uni;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.scoring.learning.CandidateResult;
import com.keystone.crm.scoring.learning.CsvTable;
import com.keystone.crm.scoring.learning.DataProblem;
import com.keystone.crm.scoring.learning.DateColumn;
import com.keystone.crm.scoring.learning.DistributionProfile;
import com.keystone.crm.scoring.learning.LeakageFinding;
import com.keystone.crm.scoring.learning.PreparedData;
import com.keystone.crm.scoring.learning.TableSpec;
import com.keystone.crm.scoring.learning.TimeShiftFinding;
import com.keystone.crm.scoring.learning.TrainingOutcome;
import com.keystone.crm.scoring.learning.TrainingPipeline;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.service.ModelRegistry;
import com.keystone.crm.scoring.model.service.NewModel;
import com.keystone.crm.scoring.policy.service.PolicyService;
import com.keystone.crm.scoring.training.domain.TrainingRun;
import com.keystone.crm.scoring.training.domain.TrainingSet;
import com.keystone.crm.scoring.training.repository.TrainingRunRepository;
import com.keystone.crm.scoring.training.repository.TrainingSetRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One training run, on the training worker's thread: read the data (an uploaded set or the feature store), check
 * it, train and compare the candidates, write the model card, register the best model (which the registry may
 * promote) and record the run's result. Data that cannot make a meaningful model fails the run with the reason.
 */
@ApplicationScoped
public class TrainingJob {
    private static final Logger LOG = Logger.getLogger(TrainingJob.class);
    static final int BASELINE_ROWS = 5000;
    /** The actor of what the schedule does (runs, A/B tests it starts), in the registry's audit. */
    public static final String SCHEDULE_ACTOR = "scoring-schedule";

    private final TrainingRunRepository runs;
    private final TrainingSetRepository sets;
    private final TrainingDefaults defaults;
    private final EventTrainingData events;
    private final PolicyService policies;
    private final ModelRegistry registry;
    private final CrmClock clock;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final AbTestService abTests;

    public TrainingJob(TrainingRunRepository runs, TrainingSetRepository sets, TrainingDefaults defaults,
                       EventTrainingData events, PolicyService policies, ModelRegistry registry, CrmClock clock,
                       ObjectMapper mapper, MeterRegistry metrics, AbTestService abTests) {
        this.abTests = abTests;
        this.runs = runs;
        this.sets = sets;
        this.defaults = defaults;
        this.events = events;
        this.policies = policies;
        this.registry = registry;
        this.clock = clock;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * Trains one claimed run. Its final writes (the model registered, the run finished or failed) are fenced by the
     * claim: once another instance took the run over (this one's lease ran out mid-training), they change nothing.
     */
    public void run(UUID runId, WorkerLease lease) {
        BooleanSupplier stopping = lease::isStopping;
        String owner = lease.owner();
        TrainingRun run = LeasedWorker.await(() -> Panache.withSession(() -> runs.findById(runId)));
        if (run == null || !"running".equals(run.status)) {
            return;
        }
        long started = System.nanoTime();
        try {
            Input input = load(run);
            PreparedData prepared = defaults.preparation().prepare(input.table(), input.spec());
            Set<String> allow = new HashSet<>(List.of(run.allowLeakage));
            allow.addAll(input.spec().allowLeakage());
            int leads = prepared.report().labelledRows();
            int conversions = prepared.report().positives();
            boolean gateMet = defaults.gateMet(leads, conversions);
            TrainingOutcome outcome = new TrainingPipeline(defaults.settings()).train(prepared.dataset(), allow, stopping);
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("minLeads", defaults.gate().minLeads());
            gate.put("minConversions", defaults.gate().minConversions());
            gate.put("leads", leads);
            gate.put("conversions", conversions);
            gate.put("met", gateMet);
            Map<String, Object> metricsJson = new LinkedHashMap<>();
            metricsJson.put("candidates", outcome.candidates());
            metricsJson.put("best", outcome.best().algorithm().json());
            Map<String, Object> card = card(run, input, prepared, outcome, gate);
            // the distributions drift is measured against: the model's features over the rows, and its scores
            var baseline = DistributionProfile.Baseline.of(prepared.dataset(), outcome.features(), outcome.model(), BASELINE_ROWS);
            NewModel model = new NewModel(run.tenantId, run.id, outcome, input.windowFrom(), input.windowTo(),
                    input.dataHash(), metricsJson, card, gateMet, baseline);
            boolean manual = TrainingRun.TRIGGER_MANUAL.equals(run.trigger);
            LeasedWorker.await(() -> Panache.withTransaction(() -> fenced(runId, owner).chain(() -> registry.register(model, manual)).chain(saved ->
                    (manual ? Uni.createFrom().<ChallengerProposal>nullItem() : abTests.proposeScheduled(saved, SCHEDULE_ACTOR))
                            .chain(proposal -> runs.findById(runId).invoke(r -> {
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("report", prepared.report());
                        result.put("gate", gate);
                        result.put("leakage", outcome.leakage());
                        result.put("timeShift", outcome.timeShift());
                        result.put("refused", prepared.report().refused());
                        result.put("features", outcome.features());
                        result.put("trainingRows", outcome.trainingRows());
                        result.put("holdoutRows", outcome.holdoutRows());
                        result.put("candidates", outcome.candidates());
                        result.put("best", outcome.best().algorithm().json());
                        result.put("modelName", saved.name);
                        result.put("champion", ModelVersion.CHAMPION.equals(saved.status));
                        if (proposal != null) {
                            result.put("challenger", proposal);
                        }
                        finish(r, "succeeded", json(result), null);
                        r.modelId = saved.id;
                    })))));
            metrics.timer("crm.scoring.training").record(java.time.Duration.ofNanos(System.nanoTime() - started));
        } catch (LeaseLost e) {
            LOG.warn(e.getMessage());
        } catch (DataProblem p) {
            fail(runId, owner, Map.of("type", p.slug(), "field", p.field(), "detail", p.getMessage()));
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                throw e; // handed back to the queue
            }
            LOG.warnf(e, "training run %s failed", runId);
            fail(runId, owner, Map.of("type", "training-failed", "detail", String.valueOf(e.getMessage())));
        }
    }

    /** Records the run's failure, unless another instance took it over (then it is that one's to finish). */
    private void fail(UUID runId, String owner, Map<String, Object> problem) {
        try {
            LeasedWorker.await(() -> Panache.withTransaction(() -> fenced(runId, owner).chain(() -> runs.findById(runId))
                    .invoke(r -> finish(r, "failed", null, json(problem)))));
        } catch (LeaseLost e) {
            LOG.warn(e.getMessage());
        }
    }

    private Uni<Void> fenced(UUID runId, String owner) {
        return runs.holds(runId, owner).chain(held -> held ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new LeaseLost(runId, owner)));
    }

    /** Another instance took the run over; it finishes the run, this claim writes nothing. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(UUID runId, String owner) {
            super("training run " + runId + ": the claim " + owner + " was taken over; its result is dropped");
        }
    }

    private void finish(TrainingRun r, String status, String result, String error) {
        r.status = status;
        r.result = result;
        r.error = error;
        r.finishedAt = clock.now();
        r.leaseOwner = null;
        r.leaseExpiresAt = null;
    }

    private Input load(TrainingRun run) {
        if (TrainingRun.SOURCE_SET.equals(run.source)) {
            TrainingSet set = LeasedWorker.await(() -> Panache.withSession(() -> sets.findById(run.trainingSetId)));
            byte[] content = LeasedWorker.await(() -> Panache.withSession(() -> sets.content(run.trainingSetId)));
            TableSpec spec = read(set.spec, TableSpec.class);
            CsvTable table = defaults.reader().read(content);
            String[] window = window(table, read(set.report, com.keystone.crm.scoring.learning.DataReport.class).timeOrder());
            String hash = TrainingSetService.sha256((set.sha256 + "\n" + set.spec).getBytes(StandardCharsets.UTF_8));
            return new Input(table, spec, window[0], window[1], hash);
        }
        var policy = LeasedWorker.await(() -> Panache.withSession(() -> policies.get(run.tenantId))).policy();
        EventTrainingData.Table t = events.build(run.tenantId, policy, clock.now());
        StringBuilder digest = new StringBuilder();
        t.table().rows().forEach(r -> digest.append(String.join("|", java.util.Arrays.stream(r).map(String::valueOf).toList())).append('\n'));
        return new Input(t.table(), t.spec(), t.windowFrom(), t.windowTo(),
                TrainingSetService.sha256(digest.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The first and last value of the time-order column, or row numbers when the file's order is the time order. */
    static String[] window(CsvTable table, String timeOrder) {
        int c = table.columnIndex(timeOrder);
        if (c < 0) {
            return new String[] {"row 1", "row " + table.rows().size()};
        }
        DateColumn format = DateColumn.detect(DateColumn.cells(table.rows(), c));
        if (format == null) {
            return new String[] {"row 1", "row " + table.rows().size()};
        }
        Instant min = null;
        Instant max = null;
        for (String[] row : table.rows()) {
            Instant at = format.parse(row[c]);
            if (at != null) {
                min = min == null || at.isBefore(min) ? at : min;
                max = max == null || at.isAfter(max) ? at : max;
            }
        }
        return new String[] {String.valueOf(min), String.valueOf(max)};
    }

    private Map<String, Object> card(TrainingRun run, Input input, PreparedData prepared, TrainingOutcome outcome,
                                     Map<String, Object> gate) {
        CandidateResult best = outcome.best();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("intendedUse", "Ranks a brokerage's leads by their probability of converting (reaching "
                + "a converted status within the label window); an aid for agents' priorities, not a decision about a person.");
        card.put("algorithm", best.algorithm().json());
        card.put("calibration", best.calibration());
        card.put("source", run.source);
        card.put("trainingWindow", Map.of("from", String.valueOf(input.windowFrom()), "to", String.valueOf(input.windowTo())));
        card.put("dataHash", input.dataHash());
        card.put("rows", Map.of("training", outcome.trainingRows(), "holdout", outcome.holdoutRows(),
                "positiveRate", prepared.report().positiveRate()));
        card.put("features", outcome.features());
        card.put("refusedFields", prepared.report().refused());
        card.put("leakageExcluded", outcome.leakage().stream().filter(l -> !l.overridden()).map(LeakageFinding::feature).toList());
        card.put("leakageOverridden", outcome.leakage().stream().filter(LeakageFinding::overridden).map(LeakageFinding::feature).toList());
        card.put("timeUnstableFeatures", outcome.timeShift().stream().map(TimeShiftFinding::feature).toList());
        card.put("holdout", best.holdout());
        card.put("crossValidationAuc", best.cvAuc());
        card.put("dataGate", gate);
        List<String> limitations = new ArrayList<>(List.of("Evaluated on the newest " + outcome.holdoutRows() + " rows "
                        + "only; conversion behaviour that changes over time lowers accuracy until the next training.",
                "Protected characteristics are refused by name and by an admin's tag; proxies of them (e.g. postal "
                        + "codes) are not detected automatically."));
        if (!outcome.timeShift().isEmpty()) {
            limitations.add("Within the training rows these features moved between the older and the newer half "
                    + "(distribution or relation to conversion): " + String.join(", ", outcome.timeShift().stream()
                    .map(TimeShiftFinding::feature).toList()) + ". The model may have learnt period effects from them "
                    + "that do not hold for later leads.");
        }
        card.put("limitations", limitations);
        return card;
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Input(CsvTable table, TableSpec spec, String windowFrom, String windowTo, String dataHash) {
    }
}

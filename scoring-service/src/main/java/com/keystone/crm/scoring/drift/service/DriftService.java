package com.keystone.crm.scoring.drift.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.drift.domain.DriftReport;
import com.keystone.crm.scoring.drift.repository.DriftCheckRepository;
import com.keystone.crm.scoring.feature.domain.AgentLoad;
import com.keystone.crm.scoring.feature.domain.LeadEvent;
import com.keystone.crm.scoring.feature.repository.LeadEventRepository;
import com.keystone.crm.scoring.feature.service.FeatureStore;
import com.keystone.crm.scoring.learning.DistributionProfile;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.repository.ModelVersionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drift of the champion: the distributions its training rows had (kept with the model) against the leads it scored
 * recently, whose features are folded now from the feature store. PSI per feature and of the scores is exposed as
 * gauges ({@code crm.scoring.drift.psi}); reaching {@code crm.scoring.drift.alert-psi} on enough leads counts an
 * alert ({@code crm.scoring.drift.alerts}) and is logged, and the report says which features drifted.
 */
@ApplicationScoped
public class DriftService {
    private static final Logger LOG = Logger.getLogger(DriftService.class);

    private final ModelVersionRepository models;
    private final LeadEventRepository events;
    private final FeatureStore store;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final DriftCheckRepository checks;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    public DriftService(ModelVersionRepository models, LeadEventRepository events, FeatureStore store, ScoringConfig config,
                        CrmClock clock, ObjectMapper mapper, MeterRegistry metrics, DriftCheckRepository checks) {
        this.checks = checks;
        this.models = models;
        this.events = events;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @WithSession
    public Uni<DriftReport> report(Caller caller) {
        String tenantId = caller.tenantId();
        return models.champion(tenantId).chain(champion -> {
            if (champion == null) {
                throw ProblemException.notFound("Champion model (none serves yet)");
            }
            if (champion.baseline == null) {
                throw ProblemException.conflict("no-baseline", "Model " + champion.name
                        + " was trained before training distributions were kept; train again to measure drift");
            }
            return evaluate(champion);
        });
    }

    /** In the caller's session: the drift of this champion (it must have a baseline) over the recent window. */
    public Uni<DriftReport> evaluate(ModelVersion champion) {
        String tenantId = champion.tenantId;
        Instant to = clock.now();
        Instant from = to.minus(config.drift().window());
        DistributionProfile.Baseline baseline = read(champion.baseline);
        return recent(tenantId, champion.name, from).chain(scored -> {
            List<UUID> ids = new ArrayList<>(scored.keySet());
            Uni<List<LeadEvent>> histories = ids.isEmpty() ? Uni.createFrom().item(List.of()) : events.histories(tenantId, ids);
            // every lead is folded at the same instant: the assignments of one window give each its agent_load
            return histories.chain(all -> store.agentLoads(tenantId, to, to)
                    .map(loads -> compare(tenantId, champion, baseline, scored, all, loads, from, to)));
        });
    }

    /** The tenant's newest recorded scheduled checks (at most {@code limit}). */
    @WithSession
    public Uni<List<DriftCheckView>> checks(Caller caller, int limit) {
        return checks.newestFirst(caller.tenantId(), limit).map(list -> list.stream().map(c -> {
            try {
                return new DriftCheckView(c.id, c.checkedAt, c.modelName, c.alert, List.of(c.drifted), c.trainingRunId,
                        mapper.readTree(c.report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored check is not readable", e);
            }
        }).toList());
    }

    /** The champion's latest score of each lead it scored since {@code from} (newest first, at most max-leads). */
    private Uni<Map<UUID, Double>> recent(String tenantId, String modelName, Instant from) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT lead_id, score FROM lead_score WHERE tenant_id = :tenant "
                                + "AND model_version = :model AND scored_at >= :from ORDER BY scored_at DESC LIMIT :max", Object[].class)
                        .setParameter("tenant", tenantId).setParameter("model", modelName).setParameter("from", from)
                        .setParameter("max", config.drift().maxLeads()).getResultList())
                .map(rows -> {
                    Map<UUID, Double> out = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        out.put((UUID) r[0], ((Number) r[1]).doubleValue() / 100);
                    }
                    return out;
                });
    }

    private DriftReport compare(String tenantId, ModelVersion champion, DistributionProfile.Baseline baseline,
                                Map<UUID, Double> scored, List<LeadEvent> all, AgentLoad loads, Instant from, Instant to) {
        Map<UUID, List<LeadEvent>> byLead = new LinkedHashMap<>();
        for (LeadEvent e : all) {
            byLead.computeIfAbsent(e.leadId, k -> new ArrayList<>()).add(e);
        }
        List<Map<String, Object>> features = new ArrayList<>();
        for (UUID lead : scored.keySet()) {
            features.add(store.fold(store.stored(byLead.getOrDefault(lead, List.of())), to, loads));
        }
        double threshold = config.drift().alertPsi();
        boolean enough = scored.size() >= config.drift().minLeads();
        List<DriftReport.FeatureDrift> drifts = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        for (DistributionProfile p : baseline.features()) {
            double psi = round(p.psi(features.stream().map(f -> f.get(p.name())).toList()));
            boolean alert = enough && psi >= threshold;
            drifts.add(new DriftReport.FeatureDrift(p.name(), psi, alert));
            if (alert) {
                drifted.add(p.name());
            }
            gauge(tenantId, p.name()).set(psi);
        }
        Double scorePsi = scored.isEmpty() ? null : round(baseline.scores().psi(new ArrayList<>(scored.values())));
        if (scorePsi != null) {
            gauge(tenantId, "score").set(scorePsi);
            if (enough && scorePsi >= threshold) {
                drifted.add("score");
            }
        }
        boolean alert = !drifted.isEmpty();
        if (alert) {
            metrics.counter("crm.scoring.drift.alerts", "tenant", tenantId).increment();
            LOG.warnf("drift of model %s in tenant %s: PSI >= %.2f for %s over %d leads", champion.name, tenantId,
                    threshold, drifted, scored.size());
        }
        return new DriftReport(champion.name, from, to, scored.size(), baseline.rows(), threshold, enough, scorePsi,
                drifts, alert, drifted);
    }

    /** crm.scoring.drift.psi{tenant, feature}: the latest PSI of each feature of the champion ("score" for scores). */
    private AtomicReference<Double> gauge(String tenantId, String feature) {
        return gauges.computeIfAbsent(tenantId + "\n" + feature, k -> {
            AtomicReference<Double> holder = new AtomicReference<>();
            metrics.gauge("crm.scoring.drift.psi", Tags.of("tenant", tenantId, "feature", feature), holder,
                    h -> h.get() == null ? Double.NaN : h.get());
            return holder;
        });
    }

    private DistributionProfile.Baseline read(String json) {
        try {
            return mapper.readValue(json, DistributionProfile.Baseline.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored baseline is not readable", e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

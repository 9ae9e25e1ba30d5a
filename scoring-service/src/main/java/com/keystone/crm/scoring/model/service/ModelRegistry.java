package com.keystone.crm.scoring.model.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.model.domain.ModelAuditEntry;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.repository.ModelAuditRepository;
import com.keystone.crm.scoring.model.repository.ModelVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The model registry: every trained model is registered with its card; the best one becomes champion when it passed
 * the data gate and beats the current champion's holdout ROC AUC by the configured margin. Admins promote any
 * eligible model and roll back to the previous champion; every change is audited.
 */
@ApplicationScoped
public class ModelRegistry {
    private final ModelVersionRepository models;
    private final ModelAuditRepository auditEntries;
    private final ModelAudit audit;
    private final ScoringConfig config;
    private final CrmClock clock;
    private final ObjectMapper mapper;

    public ModelRegistry(ModelVersionRepository models, ModelAuditRepository auditEntries, ModelAudit audit,
                         ScoringConfig config, CrmClock clock, ObjectMapper mapper) {
        this.models = models;
        this.auditEntries = auditEntries;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** In the caller's transaction: registers the model and promotes it when it should serve. */
    public Uni<ModelVersion> register(NewModel n) {
        return register(n, true);
    }

    /**
     * In the caller's transaction: registers the model; it becomes champion when it passed the data gate and either
     * no champion serves yet or {@code mayReplaceChampion} and it beats the champion's holdout AUC by the margin.
     * A model of a scheduled run never replaces a serving champion here: it has to win an A/B test first.
     */
    public Uni<ModelVersion> register(NewModel n, boolean mayReplaceChampion) {
        return models.nextVersion(n.tenantId()).chain(version -> {
            ModelVersion m = new ModelVersion();
            m.id = UUID.randomUUID();
            m.tenantId = n.tenantId();
            m.version = version;
            m.algorithm = n.outcome().best().algorithm().json();
            m.name = n.outcome().best().algorithm().shortName() + "-" + version;
            m.status = ModelVersion.CANDIDATE;
            m.eligible = n.gateMet();
            m.trainingRunId = n.trainingRunId();
            m.features = n.outcome().features().toArray(String[]::new);
            m.windowFrom = n.windowFrom();
            m.windowTo = n.windowTo();
            m.dataHash = n.dataHash();
            m.holdoutAuc = finite(n.outcome().best().holdout().rocAuc());
            m.metrics = json(n.metrics());
            m.card = json(n.card());
            m.baseline = n.baseline() == null ? null : json(n.baseline());
            m.modelBytes = n.outcome().model().toBytes();
            m.createdAt = clock.now();
            return models.persist(m).chain(saved -> saved.eligible ? models.champion(n.tenantId()).chain(current -> {
                boolean better = current == null || mayReplaceChampion && (current.holdoutAuc == null
                        || saved.holdoutAuc != null && saved.holdoutAuc >= current.holdoutAuc + config.championMargin());
                return better ? makeChampion(saved, current, "auto-promoted", "training-run:" + n.trainingRunId(),
                        "holdout ROC AUC " + saved.holdoutAuc + (current == null ? " (first champion)"
                                : " over " + current.name + "'s " + current.holdoutAuc)) : Uni.createFrom().item(saved);
            }) : Uni.createFrom().item(saved));
        });
    }

    @WithSession
    public Uni<List<ModelView>> list(Caller caller) {
        return models.newestFirst(caller.tenantId()).map(list -> list.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<ModelView> get(Caller caller, UUID id) {
        return models.findInTenant(caller.tenantId(), id).map(m -> {
            if (m == null) {
                throw ProblemException.notFound("Model " + id);
            }
            return view(m);
        });
    }

    @WithTransaction
    public Uni<ModelView> promote(Caller caller, UUID id) {
        return models.findInTenant(caller.tenantId(), id).chain(m -> {
            if (m == null) {
                throw ProblemException.notFound("Model " + id);
            }
            if (!m.eligible) {
                throw ProblemException.unprocessable("below-data-gate", "Model " + m.name + " was trained on fewer than "
                        + config.gate().minLeads() + " leads or " + config.gate().minConversions()
                        + " conversions; the rule-based scores stay until there is enough data");
            }
            if (ModelVersion.CHAMPION.equals(m.status)) {
                throw ProblemException.conflict("already-champion", "Model " + m.name + " is already the champion");
            }
            return models.champion(caller.tenantId())
                    .<ModelVersion>chain(current -> makeChampion(m, current, "promoted", caller.userId(), null))
                    .map(this::view);
        });
    }

    /** The previous champion serves again; the current one is retired. */
    @WithTransaction
    public Uni<ModelView> rollback(Caller caller) {
        return models.champion(caller.tenantId()).chain(current -> {
            if (current == null || current.previousChampionId == null) {
                throw ProblemException.conflict("nothing-to-roll-back", "There is no previous champion to roll back to");
            }
            return models.findInTenant(caller.tenantId(), current.previousChampionId).chain(previous -> {
                if (previous == null) {
                    throw ProblemException.conflict("nothing-to-roll-back", "The previous champion no longer exists");
                }
                return models.retireChampion(caller.tenantId()).chain(() -> {
                    previous.status = ModelVersion.CHAMPION;
                    previous.promotedAt = clock.now();
                    return audit.record(caller.tenantId(), previous.id, "rolled-back", caller.userId(),
                            "from " + current.name + " to " + previous.name).replaceWith(previous);
                });
            });
        }).map(m -> view((ModelVersion) m));
    }

    @WithSession
    public Uni<List<ModelAuditEntry>> audit(Caller caller) {
        return auditEntries.newestFirst(caller.tenantId());
    }

    /** In the caller's transaction: {@code m} serves in place of {@code current} (retired), audited. */
    public Uni<ModelVersion> makeChampion(ModelVersion m, ModelVersion current, String action, String actor, String detail) {
        return models.retireChampion(m.tenantId).chain(() -> {
            m.status = ModelVersion.CHAMPION;
            m.trafficShare = null;
            m.promotedAt = clock.now();
            m.previousChampionId = current == null ? null : current.id;
            return models.flush().chain(() -> audit.record(m.tenantId, m.id, action, actor,
                    detail != null ? detail : current == null ? "first champion" : "replaces " + current.name)).replaceWith(m);
        });
    }

    /** The model as the API shows it. */
    public ModelView view(ModelVersion m) {
        return ModelView.of(m, tree(m.metrics), tree(m.card));
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
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

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package com.keystone.crm.scoring.ab.service;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.ab.domain.AbDecision;
import com.keystone.crm.scoring.ab.domain.AbReport;
import com.keystone.crm.scoring.ab.domain.ChallengerProposal;
import com.keystone.crm.scoring.ab.repository.AbExposureRepository;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.repository.ModelVersionRepository;
import com.keystone.crm.scoring.model.service.ModelAudit;
import com.keystone.crm.scoring.model.service.ModelRegistry;
import com.keystone.crm.scoring.model.service.ModelView;
import com.keystone.crm.scoring.policy.service.PolicyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Champion/challenger tests: an admin starts one with an eligible model and a share of the leads, the report
 * compares the arms on their own leads' outcomes, and the challenger is promoted only when it wins with confidence.
 * Every start, stop and promotion is audited. One test per tenant at a time.
 */
@ApplicationScoped
public class AbTestService {
    private final ModelVersionRepository models;
    private final AbExposureRepository exposures;
    private final ModelRegistry registry;
    private final ModelAudit audit;
    private final PolicyService policies;
    private final ScoringConfig config;
    private final MeterRegistry metrics;
    private final Map<String, AtomicReference<Double>> aucGauges = new ConcurrentHashMap<>();

    public AbTestService(ModelVersionRepository models, AbExposureRepository exposures, ModelRegistry registry,
                         ModelAudit audit, PolicyService policies, ScoringConfig config, MeterRegistry metrics) {
        this.models = models;
        this.exposures = exposures;
        this.registry = registry;
        this.audit = audit;
        this.policies = policies;
        this.config = config;
        this.metrics = metrics;
    }

    @WithTransaction
    public Uni<ModelView> start(Caller caller, UUID modelId, Double requestedShare) {
        double share = requestedShare == null ? config.ab().challengerShare() : requestedShare;
        String tenantId = caller.tenantId();
        return models.findInTenant(tenantId, modelId).chain(m -> {
            if (m == null) {
                throw ProblemException.notFound("Model " + modelId);
            }
            if (!m.eligible) {
                throw ProblemException.unprocessable("below-data-gate", "Model " + m.name
                        + " was trained below the minimum-data gate and may not serve leads");
            }
            if (ModelVersion.CHAMPION.equals(m.status)) {
                throw ProblemException.conflict("already-champion", "Model " + m.name + " is the champion");
            }
            return models.champion(tenantId).chain(champion -> {
                if (champion == null) {
                    throw ProblemException.conflict("no-champion", "There is no champion to test a challenger against");
                }
                return models.challenger(tenantId).chain(running -> {
                    if (running != null) {
                        throw ProblemException.conflict("test-running", "Model " + running.name
                                + " is being tested; stop that test first");
                    }
                    m.status = ModelVersion.CHALLENGER;
                    m.trafficShare = share;
                    return audit.record(tenantId, m.id, "challenger-started", caller.userId(), String.format(Locale.ROOT,
                            "%s scores %.0f %% of the leads against %s", m.name, share * 100, champion.name)).replaceWith(m);
                });
            });
        }).map(registry::view);
    }

    /**
     * In the caller's transaction, for a model a scheduled run just registered: with a champion serving, an eligible
     * model starts an A/B test at the default share (when {@code crm.scoring.schedule.start-ab-test} and no test
     * runs), audited as started by the schedule; otherwise it is proposed and an admin decides. It is never made
     * champion here: the test's proof rules decide that.
     */
    public Uni<ChallengerProposal> proposeScheduled(ModelVersion m, String actor) {
        if (ModelVersion.CHAMPION.equals(m.status)) {
            return Uni.createFrom().item(new ChallengerProposal(ChallengerProposal.FIRST_CHAMPION, m.name, null,
                    "no champion served: the first model that passed the data gate serves"));
        }
        if (!m.eligible) {
            return Uni.createFrom().item(new ChallengerProposal(ChallengerProposal.NOT_ELIGIBLE, m.name, null,
                    "trained below the minimum-data gate; it may not serve leads"));
        }
        return models.champion(m.tenantId).chain(champion -> {
            if (champion == null) {
                return Uni.createFrom().item(new ChallengerProposal(ChallengerProposal.PROPOSED, m.name, null,
                        "no champion to test against; an admin may promote it"));
            }
            if (!config.schedule().startAbTest()) {
                return Uni.createFrom().item(new ChallengerProposal(ChallengerProposal.PROPOSED, m.name, null,
                        "A/B tests are started by an admin (crm.scoring.schedule.start-ab-test=false)"));
            }
            return models.challenger(m.tenantId).chain(running -> {
                if (running != null) {
                    return Uni.createFrom().item(new ChallengerProposal(ChallengerProposal.PROPOSED, m.name, null,
                            "model " + running.name + " is being tested; start this one when that test ends"));
                }
                double share = config.ab().challengerShare();
                m.status = ModelVersion.CHALLENGER;
                m.trafficShare = share;
                String detail = String.format(Locale.ROOT, "%s scores %.0f %% of the leads against %s", m.name, share * 100,
                        champion.name);
                return audit.record(m.tenantId, m.id, "challenger-started", actor, detail)
                        .replaceWith(new ChallengerProposal(ChallengerProposal.STARTED, m.name, share, detail));
            });
        });
    }

    @WithTransaction
    public Uni<ModelView> stop(Caller caller) {
        return models.challenger(caller.tenantId()).chain(m -> {
            if (m == null) {
                throw ProblemException.conflict("no-test", "No A/B test is running");
            }
            return endTest(m, caller.userId(), m.name + " no longer scores leads");
        }).map(registry::view);
    }

    @WithSession
    public Uni<AbReport> report(Caller caller) {
        return models.challenger(caller.tenantId()).chain(challenger -> {
            if (challenger == null) {
                throw ProblemException.notFound("A/B test (none is running)");
            }
            return report(challenger);
        });
    }

    /** The running test's report; the challenger becomes champion only when it wins with confidence. */
    @WithTransaction
    public Uni<ModelView> promote(Caller caller) {
        return models.challenger(caller.tenantId()).chain(challenger -> {
            if (challenger == null) {
                throw ProblemException.conflict("no-test", "No A/B test is running");
            }
            return report(challenger).chain(r -> {
                if (!AbReport.CHALLENGER_BETTER.equals(r.verdict())) {
                    throw ProblemException.conflict("not-proven", "The challenger " + challenger.name
                            + " has not won with confidence (" + r.verdict() + ": " + r.explanation() + ")");
                }
                return promoteProven(challenger, r, "ab-promoted", caller.userId());
            });
        }).map(registry::view);
    }

    /**
     * In the caller's transaction, for the scheduled check: the running test's verdict is acted on (the winner
     * promoted, a proven loser stopped, audited as the schedule's) unless {@code crm.scoring.ab.auto-decide} is off.
     * Null when no test runs.
     */
    public Uni<AbDecision> decideScheduled(String tenantId, String actor) {
        return models.challenger(tenantId).chain(challenger -> challenger == null ? Uni.createFrom().<AbDecision>nullItem()
                : report(challenger).chain(r -> {
                    String action = AbDecision.actionFor(r.verdict(), config.ab().autoDecide());
                    AbDecision decision = new AbDecision(challenger.name, r.verdict(), action, r.explanation());
                    return switch (action) {
                        case AbDecision.PROMOTED -> promoteProven(challenger, r, "ab-auto-promoted", actor).replaceWith(decision);
                        case AbDecision.STOPPED -> endTest(challenger, actor, challenger.name + " lost its A/B test ("
                                + proof(r) + ") and no longer scores leads").replaceWith(decision);
                        default -> Uni.createFrom().item(decision);
                    };
                }));
    }

    /** In the caller's transaction: the challenger is a candidate again (no share of the leads), audited. */
    private Uni<ModelVersion> endTest(ModelVersion challenger, String actor, String detail) {
        challenger.status = ModelVersion.CANDIDATE;
        challenger.trafficShare = null;
        return audit.record(challenger.tenantId, challenger.id, "challenger-stopped", actor, detail).replaceWith(challenger);
    }

    /** In the caller's transaction: the challenger that won its test serves in place of the champion, audited. */
    private Uni<ModelVersion> promoteProven(ModelVersion challenger, AbReport r, String action, String actor) {
        return models.champion(challenger.tenantId).chain(current -> registry.makeChampion(challenger, current, action, actor,
                proof(r)));
    }

    private static String proof(AbReport r) {
        return String.format(Locale.ROOT, "AUC %.3f vs %.3f, difference in [%.3f, %.3f]",
                r.arms().get(1).auc(), r.arms().get(0).auc(), r.aucDifferenceLow(), r.aucDifferenceHigh());
    }

    private Uni<AbReport> report(ModelVersion challenger) {
        return models.champion(challenger.tenantId).chain(champion -> policies.get(challenger.tenantId).chain(policy ->
                exposures.of(challenger.tenantId, challenger.id).map(list -> {
                    AbReport r = AbReport.of(challenger.id, challenger.name, champion == null ? null : champion.name,
                            challenger.trafficShare == null ? 0 : challenger.trafficShare, list,
                            policy.policy().labelWindowDays(), config.ab().minConversions(), config.ab().confidence());
                    r.arms().forEach(a -> gauge(challenger.tenantId, a.variant()).set(a.auc()));
                    return r;
                })));
    }

    /** crm.scoring.ab.auc{tenant, variant}: each arm's AUC as of the latest report (NaN until it has one). */
    private AtomicReference<Double> gauge(String tenantId, String variant) {
        return aucGauges.computeIfAbsent(tenantId + "\n" + variant, k -> {
            AtomicReference<Double> holder = new AtomicReference<>();
            metrics.gauge("crm.scoring.ab.auc", Tags.of("tenant", tenantId, "variant", variant), holder,
                    h -> h.get() == null ? Double.NaN : h.get());
            return holder;
        });
    }
}

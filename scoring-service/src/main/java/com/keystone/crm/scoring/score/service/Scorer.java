package com.keystone.crm.scoring.score.service;

import com.keystone.crm.scoring.ab.domain.AbSplit;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.learning.ScoringModel;
import com.keystone.crm.scoring.model.service.ChampionRef;
import com.keystone.crm.scoring.model.service.ModelCache;
import com.keystone.crm.scoring.policy.domain.PointsRule;
import com.keystone.crm.scoring.policy.service.PolicyService;
import com.keystone.crm.scoring.policy.service.PolicyView;
import com.keystone.crm.scoring.score.domain.Contribution;
import com.keystone.crm.scoring.score.domain.ScoreResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scores a lead's features with the tenant's champion model (or, for the lead's share of an A/B test, the
 * challenger), or with the tenant's points table when there is no eligible champion (below the data gate) or the
 * model fails to load or errors; the answer says which.
 */
@ApplicationScoped
public class Scorer {
    private static final Logger LOG = Logger.getLogger(Scorer.class);

    private final ModelCache models;
    private final PolicyService policies;
    private final ScoringConfig config;
    private final MeterRegistry metrics;

    public Scorer(ModelCache models, PolicyService policies, ScoringConfig config, MeterRegistry metrics) {
        this.models = models;
        this.policies = policies;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Within a session. While an A/B test runs, the lead's arm (a stable hash of its id) decides whether the champion
     * or the challenger answers; a challenger that fails hands the lead to the champion, a champion that fails to the
     * rules. The result names the test, so that the arm's prediction and outcome can be tracked.
     */
    public Uni<ScoreResult> score(String tenantId, UUID leadId, Map<String, Object> features) {
        return models.serving(tenantId).chain(serving -> {
            ChampionRef champion = serving.champion();
            if (champion == null || !champion.eligible()) {
                return rules(tenantId, features, champion == null ? "no trained model yet" : "below the data gate");
            }
            ChampionRef challenger = serving.challenger();
            UUID experiment = challenger == null ? null : challenger.id();
            Uni<ScoreResult> byChampion = withModel(tenantId, champion, AbSplit.CHAMPION, experiment, features)
                    .onFailure().recoverWithUni(e -> failed(tenantId, champion, e,
                            rules(tenantId, features, "model " + champion.name() + " failed")));
            if (challenger == null || challenger.share() == null
                    || !AbSplit.CHALLENGER.equals(AbSplit.variant(challenger.id(), leadId, challenger.share()))) {
                return byChampion;
            }
            return withModel(tenantId, challenger, AbSplit.CHALLENGER, experiment, features)
                    .onFailure().recoverWithUni(e -> failed(tenantId, challenger, e,
                            withModel(tenantId, champion, AbSplit.CHAMPION, null, features)))
                    .onFailure().recoverWithUni(e -> failed(tenantId, champion, e,
                            rules(tenantId, features, "model " + champion.name() + " failed")));
        });
    }

    private Uni<ScoreResult> failed(String tenantId, ChampionRef model, Throwable e, Uni<ScoreResult> instead) {
        LOG.warnf("model %s of tenant %s failed, another answers: %s", model.name(), tenantId, e.toString());
        metrics.counter("crm.scoring.model.failures", "model", model.name()).increment();
        return instead;
    }

    private Uni<ScoreResult> withModel(String tenantId, ChampionRef ref, String variant, UUID experiment,
                                       Map<String, Object> features) {
        return models.model(ref.id()).map(model -> explain(ref, model, variant, experiment, features));
    }

    private ScoreResult explain(ChampionRef ref, ScoringModel model, String variant, UUID experiment,
                                Map<String, Object> features) {
        ScoringModel.Explained explained = model.explain(features);
        double p = explained.probability();
        if (!Double.isFinite(p)) {
            throw new IllegalStateException("model " + ref.name() + " answered " + p);
        }
        List<Contribution> contributions = new ArrayList<>();
        explained.contributions().forEach((feature, c) -> contributions.add(new Contribution(feature, features.get(feature),
                round(c), describe(c, feature, features.get(feature)))));
        contributions.sort(Comparator.comparingDouble((Contribution c) -> Math.abs(c.contribution())).reversed());
        double score = round1(p * 100);
        metrics.counter("crm.scoring.scores", "fallback", "false", "variant", variant).increment();
        return new ScoreResult(score, p, tier(score), ref.name(), variant, false, model.contributionUnit(),
                contributions, null, experiment);
    }

    private Uni<ScoreResult> rules(String tenantId, Map<String, Object> features, String why) {
        return policies.get(tenantId).map(view -> {
            Map<String, Double> byFeature = new LinkedHashMap<>();
            Map<String, String> descriptions = new LinkedHashMap<>();
            double total = view.policy().basePoints();
            for (PointsRule rule : view.policy().rules()) {
                if (rule.matches(features.get(rule.feature()))) {
                    total += rule.points();
                    byFeature.merge(rule.feature(), rule.points(), Double::sum);
                    descriptions.merge(rule.feature(), (rule.points() >= 0 ? "+ " : "− ") + rule.description(),
                            (a, b) -> a + "; " + b);
                }
            }
            List<Contribution> contributions = new ArrayList<>();
            byFeature.forEach((f, pts) -> contributions.add(new Contribution(f, features.get(f), pts, descriptions.get(f))));
            contributions.sort(Comparator.comparingDouble((Contribution c) -> Math.abs(c.contribution())).reversed());
            double score = round1(Math.max(0, Math.min(100, total)));
            metrics.counter("crm.scoring.scores", "fallback", "true", "variant", AbSplit.CHAMPION).increment();
            return new ScoreResult(score, score / 100, tier(score), rulesVersion(view), AbSplit.CHAMPION, true, "points",
                    contributions, why, null);
        });
    }

    static String rulesVersion(PolicyView view) {
        return "rules-v" + view.version();
    }

    String tier(double score) {
        if (score >= config.tiers().hot()) {
            return "hot";
        }
        if (score >= config.tiers().warm()) {
            return "warm";
        }
        return score >= config.tiers().cool() ? "cool" : "cold";
    }

    static String describe(double contribution, String feature, Object value) {
        String sign = contribution >= 0 ? "+ " : "− ";
        String name = feature.replace('_', ' ');
        if (value == null) {
            return sign + name + " unknown";
        }
        if (value instanceof Double d) {
            String v = d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.1f", d);
            if (feature.equals("replied_within_1h")) {
                return sign + (d > 0 ? "replied within an hour" : "has not replied within an hour");
            }
            if (feature.equals("days_since_last_activity")) {
                return sign + "no activity for " + v + " days";
            }
            return sign + name + " " + v;
        }
        return sign + name + " " + value;
    }

    static double round(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

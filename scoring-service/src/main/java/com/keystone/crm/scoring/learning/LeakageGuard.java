package com.keystone.crm.scoring.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds features that leak the outcome. A feature whose ROC AUC alone is implausibly high (≥ 0.9 by default) is
 * flagged; so is a strong one (≥ 0.7 alone) that on its own out-predicts a model of all the other features on
 * later rows by a wide margin (0.1 of AUC): a value that is only known once the outcome is (the length of the call
 * that sold the product) does that, while an honest signal adds to the others rather than replacing them. Measured
 * on the training rows only (earlier rows fit, later rows judge), never on the holdout. A limit, stated: an honest
 * feature that is far stronger than everything else known about a lead is flagged too; an admin overrides it.
 */
public final class LeakageGuard {
    /** How much better alone than all the others together a feature must be to look like a leak. */
    static final double DOMINANCE_MARGIN = 0.1;

    private final double leakageAuc;
    private final double strongAuc;
    private final double lambda;
    private final int minLevelCount;

    public LeakageGuard(TrainingSettings s) {
        this.leakageAuc = s.leakageAuc();
        this.strongAuc = s.strongAuc();
        this.lambda = s.lambda();
        this.minLevelCount = s.minLevelCount();
    }

    public List<LeakageFinding> check(Dataset train, Set<String> allowed) {
        int cut = (int) Math.round(train.rows() * 0.75);
        Dataset fit = train.slice(0, cut);
        Dataset judge = train.slice(cut, train.rows());
        List<LeakageFinding> findings = new ArrayList<>();
        if (fit.positives() == 0 || judge.positives() == 0 || fit.positives() == fit.rows() || judge.positives() == judge.rows()) {
            return findings;
        }
        Map<String, Double> single = new HashMap<>();
        for (Feature f : train.features()) {
            single.put(f.name(), singleAuc(column(fit, f.name()), fit.labels(), column(judge, f.name()), judge.labels()));
        }
        List<String> suspects = new ArrayList<>();
        for (Feature f : train.features()) {
            double auc = single.get(f.name());
            if (auc >= leakageAuc) {
                findings.add(new LeakageFinding(f.name(), "implausibly-high-auc", MetricsCalculator.round(auc), null,
                        allowed.contains(f.name())));
            } else if (auc >= strongAuc) {
                suspects.add(f.name());
            }
        }
        suspects.sort(Comparator.comparingDouble(single::get).reversed());
        List<String> flagged = new ArrayList<>(findings.stream().map(LeakageFinding::feature).toList());
        for (String name : suspects.subList(0, Math.min(3, suspects.size()))) {
            List<String> drop = new ArrayList<>(flagged);
            drop.add(name);
            Dataset othersFit = fit.without(drop);
            if (othersFit.features().isEmpty()) {
                continue;
            }
            FeatureEncoder encoder = FeatureEncoder.fit(othersFit, minLevelCount);
            LogisticModel others = LogisticModel.fit(encoder.encode(othersFit), fit.labels(), lambda);
            double[][] x = encoder.encode(judge.without(drop));
            double[] p = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                p[i] = others.probability(x[i]);
            }
            double othersAuc = MetricsCalculator.auc(judge.labels(), p);
            if (single.get(name) >= othersAuc + DOMINANCE_MARGIN) {
                findings.add(new LeakageFinding(name, "dominates-other-features", MetricsCalculator.round(single.get(name)),
                        MetricsCalculator.round(othersAuc), allowed.contains(name)));
                flagged.add(name);
            }
        }
        return findings;
    }

    private static Feature column(Dataset rows, String name) {
        return rows.features().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** The AUC on the judging rows of the feature alone, in either direction. */
    private static double singleAuc(Feature fit, int[] fitLabels, Feature judged, int[] judgeLabels) {
        double auc = SingleFeatureAuc.signed(fit, fitLabels, judged, judgeLabels);
        return Math.max(auc, 1 - auc);
    }
}

package com.keystone.crm.scoring.ab.domain;

import com.keystone.crm.scoring.learning.AbStatistics;
import com.keystone.crm.scoring.learning.MetricsCalculator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An A/B test's figures: per arm the leads, conversions (within the label window after the lead entered the test),
 * the conversion rate with its Wilson interval, the mean prediction, the Brier score and the ROC AUC of the arm's
 * own predictions with its interval; the difference of AUCs (challenger − champion) with its interval; a verdict.
 * The challenger wins only when the whole interval of the difference lies above zero and each arm has at least the
 * configured number of conversions and of leads that did not convert.
 */
public record AbReport(UUID experimentId, String challenger, String champion, double challengerShare,
                       int labelWindowDays, double confidence, List<Arm> arms, Double aucDifference,
                       Double aucDifferenceLow, Double aucDifferenceHigh, String verdict, String explanation) {
    public static final String CHALLENGER_BETTER = "challenger-better";
    public static final String CHAMPION_BETTER = "champion-better";
    public static final String INCONCLUSIVE = "inconclusive";
    public static final String INSUFFICIENT = "insufficient-data";

    public record Arm(String variant, int leads, int conversions, double conversionRate, double conversionLow,
                      double conversionHigh, Double meanPrediction, Double brier, Double auc, Double aucLow, Double aucHigh) {
    }

    public static AbReport of(UUID experimentId, String challenger, String champion, double share, List<Exposure> exposures,
                              int windowDays, int minConversions, double confidence) {
        double z = AbStatistics.z(confidence);
        Arm champ = arm(AbSplit.CHAMPION, exposures, windowDays, z);
        Arm chall = arm(AbSplit.CHALLENGER, exposures, windowDays, z);
        Double diff = null;
        Double low = null;
        Double high = null;
        String verdict;
        String why;
        if (!enough(champ, minConversions) || !enough(chall, minConversions)) {
            verdict = INSUFFICIENT;
            why = "each arm needs at least " + minConversions + " conversions and " + minConversions
                    + " leads that did not convert (champion " + champ.conversions() + "/" + champ.leads()
                    + ", challenger " + chall.conversions() + "/" + chall.leads() + ")";
        } else {
            double seA = AbStatistics.aucStandardError(champ.auc(), champ.conversions(), champ.leads() - champ.conversions());
            double seB = AbStatistics.aucStandardError(chall.auc(), chall.conversions(), chall.leads() - chall.conversions());
            double[] ci = AbStatistics.differenceInterval(champ.auc(), seA, chall.auc(), seB, z);
            diff = round(chall.auc() - champ.auc());
            low = round(ci[0]);
            high = round(ci[1]);
            if (ci[0] > 0) {
                verdict = CHALLENGER_BETTER;
                why = "the challenger ranks its leads better: the whole " + pct(confidence) + " interval of the AUC difference is above 0";
            } else if (ci[1] < 0) {
                verdict = CHAMPION_BETTER;
                why = "the champion ranks its leads better: the whole " + pct(confidence) + " interval of the AUC difference is below 0";
            } else {
                verdict = INCONCLUSIVE;
                why = "the " + pct(confidence) + " interval of the AUC difference includes 0";
            }
        }
        return new AbReport(experimentId, challenger, champion, share, windowDays, confidence, List.of(champ, chall),
                diff, low, high, verdict, why);
    }

    private static boolean enough(Arm a, int min) {
        return a.auc() != null && a.conversions() >= min && a.leads() - a.conversions() >= min;
    }

    static Arm arm(String variant, List<Exposure> all, int windowDays, double z) {
        List<Exposure> in = new ArrayList<>();
        for (Exposure e : all) {
            if (variant.equals(e.variant())) {
                in.add(e);
            }
        }
        int n = in.size();
        int[] y = new int[n];
        double[] p = new double[n];
        int conversions = 0;
        double sum = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            Exposure e = in.get(i);
            y[i] = converted(e, windowDays) ? 1 : 0;
            p[i] = e.probability();
            conversions += y[i];
            sum += p[i];
            brier += (p[i] - y[i]) * (p[i] - y[i]);
        }
        double[] rate = AbStatistics.wilson(conversions, n, z);
        Double auc = null;
        Double aucLow = null;
        Double aucHigh = null;
        if (conversions > 0 && conversions < n) {
            double a = MetricsCalculator.auc(y, p);
            double se = AbStatistics.aucStandardError(a, conversions, n - conversions);
            auc = round(a);
            aucLow = round(Math.max(0, a - z * se));
            aucHigh = round(Math.min(1, a + z * se));
        }
        return new Arm(variant, n, conversions, n == 0 ? 0 : round((double) conversions / n), round(rate[0]), round(rate[1]),
                n == 0 ? null : round(sum / n), n == 0 ? null : round(brier / n), auc, aucLow, aucHigh);
    }

    static boolean converted(Exposure e, int windowDays) {
        return e.convertedAt() != null
                && !e.convertedAt().isAfter(e.firstScoredAt().plus(Duration.ofDays(windowDays)));
    }

    private static String pct(double confidence) {
        return Math.round(confidence * 100) + " %";
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

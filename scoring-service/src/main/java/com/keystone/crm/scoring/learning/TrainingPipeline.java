package com.keystone.crm.scoring.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The training pipeline on a dataset in time order: the newest rows are the holdout; the leakage guard runs on the
 * rest; every candidate is cross-validated on the rest over time (forward chaining: each block is predicted by a
 * model of the blocks before it, as in production), calibrated on those out-of-fold predictions, refitted on all of
 * the rest and measured on the holdout. The best holdout ROC AUC wins. The time-stability guard reports features
 * whose distribution or relation to the outcome moved within the training rows.
 */
public final class TrainingPipeline {
    private final TrainingSettings settings;

    public TrainingPipeline(TrainingSettings settings) {
        this.settings = settings;
    }

    public TrainingOutcome train(Dataset data, Set<String> allowLeakage, BooleanSupplier cancelled) {
        Dataset all = data;
        if (all.rows() > settings.maxTrainingRows()) {
            all = all.slice(all.rows() - settings.maxTrainingRows(), all.rows());
        }
        int holdoutRows = Math.max(1, (int) Math.round(all.rows() * settings.holdoutShare()));
        Dataset train = all.slice(0, all.rows() - holdoutRows);
        Dataset holdout = all.slice(all.rows() - holdoutRows, all.rows());
        if (train.positives() < 2 || holdout.positives() == 0 || holdout.positives() == holdout.rows()
                || train.positives() == train.rows()) {
            throw new DataProblem("one-class-in-time", "label", "The newest " + holdoutRows + " rows or the "
                    + train.rows() + " older ones hold only one outcome: the model could not be judged on later data");
        }
        List<LeakageFinding> leakage = new LeakageGuard(settings).check(train, allowLeakage);
        Set<String> excluded = leakage.stream().filter(l -> !l.overridden()).map(LeakageFinding::feature).collect(Collectors.toSet());
        train = train.without(excluded);
        holdout = holdout.without(excluded);
        if (train.features().isEmpty()) {
            throw new DataProblem("no-features", "roles", "Every feature was left out by the leakage guard: "
                    + String.join(", ", excluded));
        }
        List<TimeShiftFinding> timeShift = new TimeStabilityGuard().check(train);
        FeatureEncoder encoder = FeatureEncoder.fit(train, settings.minLevelCount());
        double[][] x = encoder.encode(train);
        double[][] hx = encoder.encode(holdout);
        int[] y = train.labels();
        List<CandidateResult> results = new ArrayList<>();
        List<ScoringModel> models = new ArrayList<>();
        for (Algorithm algorithm : settings.candidates()) {
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException("training cancelled");
            }
            long started = System.nanoTime();
            // forward-chaining folds: block k is predicted by a model of the blocks before it, never of later rows
            int blocks = Math.max(3, settings.folds() + 1);
            int firstPredicted = y.length / blocks;
            double[] oof = new double[y.length - firstPredicted];
            List<Double> foldAuc = new ArrayList<>();
            for (int k = 1; k < blocks; k++) {
                int from = k * y.length / blocks;
                int to = (k + 1) * y.length / blocks;
                int[] fy = Arrays.copyOfRange(y, 0, from);
                int fitPositives = Arrays.stream(fy).sum();
                if (fitPositives == 0 || fitPositives == fy.length) {
                    throw new DataProblem("one-class-in-time", "label", "The oldest " + from + " rows hold only one "
                            + "outcome: cross-validation over time needs conversions spread over time");
                }
                ProbabilityModel m = fit(algorithm, Arrays.copyOfRange(x, 0, from), fy);
                double[] p = new double[to - from];
                for (int i = from; i < to; i++) {
                    p[i - from] = m.probability(x[i]);
                    oof[i - firstPredicted] = p[i - from];
                }
                int[] foldY = Arrays.copyOfRange(y, from, to);
                int foldPositives = Arrays.stream(foldY).sum();
                if (foldPositives > 0 && foldPositives < foldY.length) {
                    foldAuc.add(MetricsCalculator.round(MetricsCalculator.auc(foldY, p)));
                }
            }
            Calibrator calibrator = Calibrator.fit(settings.calibration(), oof, Arrays.copyOfRange(y, firstPredicted, y.length));
            ProbabilityModel model = fit(algorithm, x, y);
            ScoringModel scoring = new ScoringModel(encoder, model, calibrator);
            double[] hp = new double[hx.length];
            for (int i = 0; i < hx.length; i++) {
                hp[i] = scoring.probability(hx[i]);
            }
            results.add(new CandidateResult(algorithm, foldAuc, MetricsCalculator.of(holdout.labels(), hp),
                    calibrator.method(), (System.nanoTime() - started) / 1_000_000));
            models.add(scoring);
        }
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).holdout().rocAuc() > results.get(best).holdout().rocAuc()) {
                best = i;
            }
        }
        return new TrainingOutcome(results, results.get(best), models.get(best), encoder.features(), leakage,
                timeShift, train.rows(), holdout.rows());
    }

    private ProbabilityModel fit(Algorithm algorithm, double[][] x, int[] y) {
        return switch (algorithm) {
            case LOGISTIC_REGRESSION -> LogisticModel.fit(x, y, settings.lambda());
            case RANDOM_FOREST -> TreeModel.forest(x, y, settings);
            case GRADIENT_BOOSTING -> TreeModel.boosting(x, y, settings);
            case RULES -> throw new IllegalArgumentException("the rules are not trained");
        };
    }

    private static double[][] concat(double[][] a, int aFrom, int aTo, double[][] b, int bFrom, int bTo) {
        double[][] out = new double[(aTo - aFrom) + (bTo - bFrom)][];
        System.arraycopy(a, aFrom, out, 0, aTo - aFrom);
        System.arraycopy(b, bFrom, out, aTo - aFrom, bTo - bFrom);
        return out;
    }

    private static int[] concat(int[] y, int holeFrom, int holeTo) {
        int[] out = new int[y.length - (holeTo - holeFrom)];
        System.arraycopy(y, 0, out, 0, holeFrom);
        System.arraycopy(y, holeTo, out, holeFrom, y.length - holeTo);
        return out;
    }

    static Comparator<CandidateResult> byHoldoutAuc() {
        return Comparator.comparingDouble(r -> r.holdout().rocAuc());
    }
}

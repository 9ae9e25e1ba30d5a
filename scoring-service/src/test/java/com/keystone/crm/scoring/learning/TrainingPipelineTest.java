package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingPipelineTest {
    /** Two signals, noise, a missing-heavy number, a category, and a copy of the outcome (a leak). */
    static Dataset synthetic(int n, long seed) {
        Random r = new Random(seed);
        double[] signal = new double[n];
        double[] signal2 = new double[n];
        double[] noise = new double[n];
        double[] sparse = new double[n];
        double[] leak = new double[n];
        String[] source = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            signal[i] = r.nextGaussian();
            signal2[i] = r.nextGaussian();
            noise[i] = r.nextGaussian();
            sparse[i] = i % 3 == 0 ? Double.NaN : r.nextDouble();
            source[i] = i % 11 == 0 ? null : r.nextBoolean() ? "referral" : "web";
            double z = -1 + 1.2 * signal[i] + 1.2 * signal2[i] + ("referral".equals(source[i]) ? 0.7 : 0);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            leak[i] = y[i] + r.nextGaussian() * 0.05;
        }
        return new Dataset(List.of(Feature.numeric("signal", signal), Feature.numeric("signal2", signal2), Feature.numeric("noise", noise),
                Feature.numeric("sparse", sparse), Feature.categorical("source", source), Feature.numeric("outcome_code", leak)), y);
    }

    static TrainingSettings quick() {
        TrainingSettings d = TrainingSettings.defaults();
        return new TrainingSettings(d.candidates(), 0.2, 2, 1.0, 20, 8, 100, 5, 30, 4, 8, 5, 0.1, 0.7, "platt", 0.9, 0.7, 10,
                200_000);
    }

    @Test
    void anImplausiblyGoodFeatureIsLeftOutAndTheSignalIsFound() {
        TrainingOutcome o = new TrainingPipeline(quick()).train(synthetic(1500, 1), Set.of(), () -> false);
        assertThat(o.leakage()).singleElement().satisfies(l -> {
            assertThat(l.feature()).isEqualTo("outcome_code");
            assertThat(l.reason()).isEqualTo("implausibly-high-auc");
            assertThat(l.overridden()).isFalse();
        });
        assertThat(o.features()).containsExactly("signal", "signal2", "noise", "sparse", "source");
        assertThat(o.trainingRows()).isEqualTo(1200);
        assertThat(o.holdoutRows()).isEqualTo(300);
        for (CandidateResult c : o.candidates()) {
            assertThat(c.holdout().rocAuc()).as(c.algorithm().json()).isGreaterThan(0.7);
            assertThat(c.cvAuc()).hasSize(2);
        }
        assertThat(o.best().holdout().rocAuc()).isEqualTo(o.candidates().stream().mapToDouble(c -> c.holdout().rocAuc()).max().orElseThrow());
        // explanation: the signal pushes a high-signal lead up (logistic or trees, the sign is the same)
        ScoringModel m = o.model();
        double up = m.explain(java.util.Map.of("signal", 2.5, "source", "referral")).contributions().get("signal");
        double down = m.explain(java.util.Map.of("signal", -2.5, "source", "web")).contributions().get("signal");
        assertThat(up).isGreaterThan(down);
        assertThat(m.probability(java.util.Map.of("signal", 2.5))).isGreaterThan(m.probability(java.util.Map.of("signal", -2.5)));
        // unseen levels and text for numbers do not break serving
        assertThat(m.probability(java.util.Map.of("signal", "1.5", "source", "billboard"))).isBetween(0.0, 1.0);
    }

    @Test
    void outcomesBunchedInTimeAreAClearProblem() {
        Dataset d = synthetic(1000, 2);
        int[] y = new int[1000];
        for (int i = 0; i < 100; i++) {
            y[i] = 1; // every conversion is in the oldest tenth: the newest rows have one class
        }
        assertThatThrownBy(() -> new TrainingPipeline(quick()).train(new Dataset(d.features(), y), Set.of(), () -> false))
                .isInstanceOf(DataProblem.class).satisfies(e -> assertThat(((DataProblem) e).slug()).isEqualTo("one-class-in-time"));
    }

    @Test
    void metricsOfAPerfectAndAUselessRanking() {
        int[] y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        double[] perfect = {0.1, 0.1, 0.2, 0.2, 0.3, 0.7, 0.8, 0.8, 0.9, 0.9};
        Metrics m = MetricsCalculator.of(y, perfect);
        assertThat(m.rocAuc()).isEqualTo(1.0);
        assertThat(m.prAuc()).isEqualTo(1.0);
        assertThat(m.liftByDecile().get(0)).isEqualTo(2.0);
        assertThat(m.reliability()).extracting(Metrics.ReliabilityBin::rows).containsOnly(2, 1, 2, 2, 2, 1);
        Metrics flat = MetricsCalculator.of(y, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        assertThat(flat.rocAuc()).isEqualTo(0.5);
        assertThat(flat.brier()).isEqualTo(0.25);
        assertThat(flat.logLoss()).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aTamperedModelIsNotRead() {
        assertThatThrownBy(() -> ScoringModel.fromBytes(new byte[] {1, 2, 3})).isInstanceOf(IllegalStateException.class);
        byte[] foreign = serialize(new java.util.concurrent.atomic.AtomicLong(5));
        assertThatThrownBy(() -> ScoringModel.fromBytes(foreign)).isInstanceOf(IllegalStateException.class);
    }

    static byte[] serialize(Object o) {
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
             java.io.ObjectOutputStream s = new java.io.ObjectOutputStream(out)) {
            s.writeObject(o);
            s.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

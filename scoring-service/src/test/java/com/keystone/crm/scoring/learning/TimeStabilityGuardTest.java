package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimeStabilityGuardTest {
    /**
     * 4,000 rows in time order: a steady signal; an interest rate that steps down over time while conversion rises
     * (a clock); a number that helps in the older half and hurts in the newer one; noise.
     */
    static Dataset drifting(long seed) {
        int n = 4000;
        Random r = new Random(seed);
        double[] signal = new double[n];
        double[] rate = new double[n];
        double[] turning = new double[n];
        double[] noise = new double[n];
        String[] channel = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double period = (double) i / n;
            signal[i] = r.nextGaussian();
            rate[i] = 5 - 4 * Math.floor(period * 8) / 8 + r.nextGaussian() * 0.01;
            turning[i] = r.nextGaussian();
            noise[i] = r.nextGaussian();
            channel[i] = r.nextBoolean() ? "web" : "referral";
            double z = -2 + 2 * period + signal[i] + (period < 0.5 ? 0.8 : -0.8) * turning[i];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new Dataset(List.of(Feature.numeric("signal", signal), Feature.numeric("rate", rate),
                Feature.numeric("turning", turning), Feature.numeric("noise", noise), Feature.categorical("channel", channel)), y);
    }

    @Test
    void aClockAndATurningRelationAreReportedAndSteadyFeaturesAreNot() {
        List<TimeShiftFinding> findings = new TimeStabilityGuard().check(drifting(3));

        assertThat(findings).extracting(TimeShiftFinding::feature).containsExactly("rate", "turning");
        assertThat(findings.get(0).reasons()).contains("distribution-shift");
        assertThat(findings.get(0).psi()).isGreaterThanOrEqualTo(TimeStabilityGuard.SHIFT_PSI);
        assertThat(findings.get(1).reasons()).containsExactly("relation-reversed");
        assertThat(findings.get(1).olderAuc()).isGreaterThan(0.5);
        assertThat(findings.get(1).newerAuc()).isLessThan(0.5);
    }

    @Test
    void theTrainingRunReportsThemAndKeepsThem() {
        TrainingOutcome o = new TrainingPipeline(TrainingPipelineTest.quick()).train(drifting(4), java.util.Set.of(), () -> false);

        // the guard looks at the training rows (the older 80 %) only, and reports without leaving anything out
        assertThat(o.timeShift()).extracting(TimeShiftFinding::feature).contains("rate");
        assertThat(o.features()).contains("rate", "turning");
    }

    @Test
    void tooFewRowsToCompareHalvesReportNothing() {
        Dataset d = drifting(5).slice(0, 90);
        assertThat(new TimeStabilityGuard().check(d)).isEmpty();
    }
}

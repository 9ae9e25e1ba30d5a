package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibratorTest {
    @Test
    void outOfFoldPredictionsThatRankedBackwardsKeepTheModelsRankingAndMoveOnlyItsLevel() {
        // the later rows converted more often where the model said less (a period shift): 20 % converted overall
        Random r = new Random(11);
        int n = 2000;
        double[] raw = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = 0.05 + 0.5 * r.nextDouble();
            y[i] = r.nextDouble() < 0.35 - 0.5 * (raw[i] - 0.05) ? 1 : 0;
        }
        Calibrator c = Calibrator.fit("platt", raw, y);

        assertThat(c.method()).isEqualTo("shift");
        // strictly increasing: neither turned upside down (Platt) nor flattened into ties (isotonic)
        assertThat(c.apply(0.1)).isLessThan(c.apply(0.2));
        assertThat(c.apply(0.2)).isLessThan(c.apply(0.5));
        double mean = 0;
        int positives = 0;
        for (int i = 0; i < n; i++) {
            mean += c.apply(raw[i]) / n;
            positives += y[i];
        }
        // the maximum-likelihood shift matches the observed conversion rate on average
        assertThat(mean).isCloseTo((double) positives / n, within(0.01));
    }

    @Test
    void predictionsThatRankedForwardsArePlattScaled() {
        Random r = new Random(12);
        int n = 2000;
        double[] raw = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = r.nextDouble();
            y[i] = r.nextDouble() < raw[i] ? 1 : 0;
        }
        Calibrator c = Calibrator.fit("platt", raw, y);
        assertThat(c.method()).isEqualTo("platt");
        assertThat(c.apply(0.8)).isGreaterThan(c.apply(0.2));
    }
}

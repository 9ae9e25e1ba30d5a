package com.keystone.crm.scoring.drift.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationReportTest {
    @Test
    void aCalibratedModelHasASmallErrorAndNoAlert() {
        Random r = new Random(7);
        int n = 5000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble() * 0.6;
            y[i] = r.nextDouble() < p[i];
        }
        CalibrationReport report = CalibrationReport.of("gbt-1", p, y, 100, 0.05, 0.95);
        assertThat(report.leads()).isEqualTo(n);
        assertThat(report.deciles()).hasSize(10);
        assertThat(report.deciles()).extracting(CalibrationReport.Decile::leads).containsOnly(500);
        assertThat(report.deciles().get(0).scoreFrom()).isLessThanOrEqualTo(report.deciles().get(0).scoreTo());
        assertThat(report.deciles().get(9).meanPredicted()).isGreaterThan(report.deciles().get(0).meanPredicted());
        assertThat(report.expectedCalibrationError()).isLessThan(0.03);
        assertThat(report.deciles().stream().filter(CalibrationReport.Decile::outside).count()).isLessThanOrEqualTo(2);
        assertThat(report.alert()).isFalse();
        assertThat(report.auc()).isGreaterThan(0.6);
    }

    @Test
    void aModelThatUnderPredictsAlertsAndSaysWhere() {
        Random r = new Random(8);
        int n = 1000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + r.nextDouble() * 0.1;
            y[i] = r.nextDouble() < 0.5;
        }
        CalibrationReport report = CalibrationReport.of("lr-2", p, y, 100, 0.05, 0.95);
        assertThat(report.observedRate()).isCloseTo(0.5, within(0.05));
        assertThat(report.meanPredicted()).isCloseTo(0.1, within(0.01));
        assertThat(report.expectedCalibrationError()).isCloseTo(0.4, within(0.05));
        assertThat(report.deciles()).allMatch(CalibrationReport.Decile::outside);
        assertThat(report.deciles()).allMatch(d -> d.observedLow() <= d.observedRate() && d.observedRate() <= d.observedHigh());
        assertThat(report.alert()).isTrue();
    }

    @Test
    void tooFewOrNoLeadsGiveFiguresButNoAlert() {
        CalibrationReport few = CalibrationReport.of("m", new double[] {0.1, 0.9, 0.2}, new boolean[] {true, false, true}, 100, 0.05, 0.95);
        assertThat(few.deciles()).hasSize(3);
        assertThat(few.enoughLeads()).isFalse();
        assertThat(few.alert()).isFalse();
        assertThat(few.expectedCalibrationError()).isGreaterThan(0.05);
        CalibrationReport oneClass = CalibrationReport.of("m", new double[] {0.1, 0.2}, new boolean[] {false, false}, 1, 0.05, 0.95);
        assertThat(oneClass.auc()).isNull();
        CalibrationReport none = CalibrationReport.of("m", new double[0], new boolean[0], 100, 0.05, 0.95);
        assertThat(none.leads()).isZero();
        assertThat(none.deciles()).isEmpty();
        assertThat(none.alert()).isFalse();
    }
}

package com.keystone.crm.scoring.ab.domain;

import com.keystone.crm.scoring.learning.AbStatistics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The split, the interval arithmetic and the verdicts of an A/B test on synthetic arms. */
class AbReportTest {
    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static final UUID TEST = UUID.fromString("0b0c6a3e-5f7d-4f38-9c51-2f7c1a9e8d01");

    @Test
    void theSplitIsStableAndHonoursTheShare() {
        int challengers = 0;
        int moved = 0;
        UUID other = UUID.randomUUID();
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            UUID lead = new UUID(r.nextLong(), r.nextLong());
            String v = AbSplit.variant(TEST, lead, 0.3);
            assertThat(AbSplit.variant(TEST, lead, 0.3)).isEqualTo(v);
            challengers += AbSplit.CHALLENGER.equals(v) ? 1 : 0;
            moved += v.equals(AbSplit.variant(other, lead, 0.3)) ? 0 : 1;
            double b = AbSplit.bucket(TEST, lead);
            assertThat(b).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
        assertThat(challengers / 20_000.0).isCloseTo(0.3, within(0.015));
        // another test draws its own sample (independent arms: 2 × 0.3 × 0.7 of the leads change sides)
        assertThat(moved / 20_000.0).isCloseTo(0.42, within(0.02));
        assertThat(AbSplit.variant(TEST, UUID.randomUUID(), 0)).isEqualTo(AbSplit.CHAMPION);
    }

    @Test
    void intervalsMatchTheTextbook() {
        assertThat(AbStatistics.z(0.95)).isCloseTo(1.95996, within(1e-4));
        double[] w = AbStatistics.wilson(50, 100, AbStatistics.z(0.95));
        assertThat(w[0]).isCloseTo(0.4038, within(1e-3));
        assertThat(w[1]).isCloseTo(0.5962, within(1e-3));
        assertThat(AbStatistics.wilson(0, 20, 1.96)[0]).isZero();
        assertThat(AbStatistics.wilson(0, 0, 1.96)).containsExactly(0, 1);
        // Hanley & McNeil 1982, table: AUC 0.8 with 50 and 50 cases → SE ≈ 0.044
        assertThat(AbStatistics.aucStandardError(0.8, 50, 50)).isCloseTo(0.0445, within(0.0005));
        assertThat(AbStatistics.aucStandardError(0.8, 0, 50)).isNaN();
    }

    @Test
    void aChallengerThatRanksClearlyBetterWinsAndOneThatDoesNotDoesNot() {
        List<Exposure> e = new ArrayList<>();
        Random r = new Random(9);
        for (int i = 0; i < 1200; i++) {
            boolean converts = r.nextDouble() < 0.25;
            Instant converted = converts ? T0.plus(Duration.ofDays(10)) : null;
            // the champion barely ranks, the challenger ranks well
            double weak = clamp(0.25 + (converts ? 0.03 : 0) + r.nextGaussian() * 0.15);
            double strong = clamp(0.25 + (converts ? 0.3 : 0) + r.nextGaussian() * 0.15);
            boolean challenger = i % 2 == 0;
            e.add(new Exposure(challenger ? AbSplit.CHALLENGER : AbSplit.CHAMPION, challenger ? strong : weak, T0, converted));
        }
        AbReport report = AbReport.of(TEST, "gbt-4", "lr-3", 0.5, e, 90, 30, 0.95);
        assertThat(report.verdict()).isEqualTo(AbReport.CHALLENGER_BETTER);
        assertThat(report.aucDifferenceLow()).isPositive();
        assertThat(report.arms()).extracting(AbReport.Arm::leads).containsExactly(600, 600);
        AbReport.Arm champion = report.arms().get(0);
        assertThat(champion.conversionLow()).isLessThan(champion.conversionRate());
        assertThat(champion.conversionHigh()).isGreaterThan(champion.conversionRate());
        assertThat(champion.brier()).isNotNull();

        // the same figures with the arms swapped: the champion is better, nothing to promote
        List<Exposure> swapped = e.stream().map(x -> new Exposure(AbSplit.CHALLENGER.equals(x.variant()) ? AbSplit.CHAMPION
                : AbSplit.CHALLENGER, x.probability(), x.firstScoredAt(), x.convertedAt())).toList();
        assertThat(AbReport.of(TEST, "gbt-4", "lr-3", 0.5, swapped, 90, 30, 0.95).verdict()).isEqualTo(AbReport.CHAMPION_BETTER);

        // equally good arms: the interval holds 0
        List<Exposure> same = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean converts = r.nextDouble() < 0.3;
            same.add(new Exposure(i % 2 == 0 ? AbSplit.CHALLENGER : AbSplit.CHAMPION,
                    clamp(0.3 + (converts ? 0.1 : 0) + r.nextGaussian() * 0.15), T0, converts ? T0.plusSeconds(60) : null));
        }
        assertThat(AbReport.of(TEST, "a", "b", 0.5, same, 90, 30, 0.95).verdict()).isEqualTo(AbReport.INCONCLUSIVE);
    }

    @Test
    void tooFewOutcomesOrLateConversionsDecideNothing() {
        List<Exposure> e = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // converted, but after the 90-day window: not a conversion of this test
            e.add(new Exposure(i % 2 == 0 ? AbSplit.CHALLENGER : AbSplit.CHAMPION, 0.9, T0, T0.plus(Duration.ofDays(120))));
        }
        AbReport late = AbReport.of(TEST, "a", "b", 0.5, e, 90, 30, 0.95);
        assertThat(late.verdict()).isEqualTo(AbReport.INSUFFICIENT);
        assertThat(late.arms()).allSatisfy(a -> {
            assertThat(a.conversions()).isZero();
            assertThat(a.auc()).isNull();
        });
        AbReport empty = AbReport.of(TEST, "a", null, 0.2, List.of(), 90, 30, 0.95);
        assertThat(empty.verdict()).isEqualTo(AbReport.INSUFFICIENT);
        assertThat(empty.arms()).allSatisfy(a -> assertThat(a.meanPrediction()).isNull());
    }

    private static double clamp(double p) {
        return Math.max(0.001, Math.min(0.999, p));
    }
}

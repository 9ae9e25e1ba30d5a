package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public stand-in for a brokerage's history (UCI bank marketing, a sample in test resources): the pipeline must
 * flag {@code duration} (known only after the call's outcome), refuse age and marital status (fair housing), and
 * still rank the newest rows better than chance by a clear margin. The recorded figures on the full file are in
 * tools/bench/results/scoring.md; this is a floor, not a benchmark.
 */
class BankMarketingPipelineTest {
    static PreparedData sample() throws IOException {
        try (InputStream in = BankMarketingPipelineTest.class.getResourceAsStream("/bank-marketing/bank-additional-sample.csv")) {
            CsvTable table = new CsvTableReader(100_000, 100).read(in.readAllBytes());
            return new DataPreparation(ProtectedAttributes.defaults(), 50, 10).prepare(table, new TableSpec("y", null, null, null, null));
        }
    }

    static TrainingSettings quick() {
        TrainingSettings d = TrainingSettings.defaults();
        return new TrainingSettings(d.candidates(), 0.2, 2, 1.0, 30, 10, 200, 5, 60, 5, 8, 5, 0.1, 0.7, "platt", 0.9, 0.7, 10,
                200_000);
    }

    @Test
    void durationIsFlaggedAndTheModelRanksTheNewestRows() throws IOException {
        PreparedData data = sample();
        assertThat(data.report().timeOrder()).isEqualTo("row order");
        assertThat(data.report().positiveLabel()).isEqualTo("yes");
        assertThat(data.report().refused()).containsExactlyInAnyOrder("age", "marital");

        TrainingOutcome outcome = new TrainingPipeline(quick()).train(data.dataset(), Set.of(), () -> false);
        assertThat(outcome.leakage()).extracting(LeakageFinding::feature).contains("duration");
        assertThat(outcome.features()).doesNotContain("duration", "age", "marital");
        assertThat(outcome.candidates()).hasSize(3);
        Metrics holdout = outcome.best().holdout();
        assertThat(holdout.rocAuc()).isGreaterThanOrEqualTo(0.6);
        // the newest rows convert five times as often as the older ones: the Brier score is reported, not good
        assertThat(holdout.brier()).isBetween(0.0, 1.0);
        assertThat(holdout.liftByDecile()).hasSize(10);
        assertThat(holdout.liftByDecile().get(0)).isGreaterThan(1.0);
        assertThat(holdout.reliability()).isNotEmpty();
        assertThat(holdout.rows()).isEqualTo(outcome.holdoutRows());

        // the stored form predicts what the trained one does, with one contribution per feature
        ScoringModel restored = ScoringModel.fromBytes(outcome.model().toBytes());
        Map<String, Object> lead = data.dataset().row(data.dataset().rows() - 1);
        assertThat(restored.probability(lead)).isEqualTo(outcome.model().probability(lead));
        assertThat(restored.explain(lead).contributions().keySet()).containsExactlyElementsOf(outcome.features());
    }

    @Test
    void anAdminMayOverrideTheLeakageGuard() throws IOException {
        PreparedData data = sample();
        TrainingSettings lrOnly = new TrainingSettings(List.of(Algorithm.LOGISTIC_REGRESSION), 0.2, 2, 1.0, 10, 5, 50, 5,
                10, 3, 4, 5, 0.1, 0.7, "isotonic", 0.9, 0.7, 10, 200_000);
        TrainingOutcome outcome = new TrainingPipeline(lrOnly).train(data.dataset(), Set.of("duration"), () -> false);
        assertThat(outcome.leakage()).anyMatch(l -> l.feature().equals("duration") && l.overridden());
        assertThat(outcome.features()).contains("duration");
        assertThat(outcome.best().calibration()).isEqualTo("isotonic");
    }
}

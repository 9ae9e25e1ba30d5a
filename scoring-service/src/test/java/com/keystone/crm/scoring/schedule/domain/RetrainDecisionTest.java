package com.keystone.crm.scoring.schedule.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrainDecisionTest {
    @Test
    void alwaysRetrainsAndAnAlertMakesItADriftRun() {
        assertThat(RetrainDecision.of(RetrainMode.ALWAYS, false, false, false))
                .returns(true, RetrainDecision::retrain).returns("scheduled", RetrainDecision::trigger);
        RetrainDecision drift = RetrainDecision.of(RetrainMode.ALWAYS, true, false, false);
        assertThat(drift.trigger()).isEqualTo("drift");
        assertThat(drift.reason()).contains("feature or score drift");
        assertThat(RetrainDecision.of(RetrainMode.ALWAYS, true, true, false).reason()).contains("and calibration drift");
    }

    @Test
    void onDriftRetrainsOnlyAfterAnAlert() {
        assertThat(RetrainDecision.of(RetrainMode.ON_DRIFT, false, false, false).retrain()).isFalse();
        RetrainDecision calibration = RetrainDecision.of(RetrainMode.ON_DRIFT, false, true, false);
        assertThat(calibration.retrain()).isTrue();
        assertThat(calibration.trigger()).isEqualTo("drift");
        assertThat(calibration.reason()).contains("calibration drift");
    }

    @Test
    void neverAndAPendingRunQueueNothing() {
        RetrainDecision never = RetrainDecision.of(RetrainMode.NEVER, true, true, false);
        assertThat(never.retrain()).isFalse();
        assertThat(never.trigger()).isNull();
        assertThat(never.reason()).contains("off").contains("alert");
        RetrainDecision pending = RetrainDecision.of(RetrainMode.ALWAYS, true, false, true);
        assertThat(pending.retrain()).isFalse();
        assertThat(pending.reason()).contains("already queued");
    }

    @Test
    void theModeIsReadFromConfiguration() {
        assertThat(RetrainMode.of("on-drift")).isEqualTo(RetrainMode.ON_DRIFT);
        assertThat(RetrainMode.of(" Always ")).isEqualTo(RetrainMode.ALWAYS);
        assertThatThrownBy(() -> RetrainMode.of("weekly")).hasMessageContaining("always, on-drift or never");
    }
}

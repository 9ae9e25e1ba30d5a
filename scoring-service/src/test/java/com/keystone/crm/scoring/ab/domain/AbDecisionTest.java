package com.keystone.crm.scoring.ab.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AbDecisionTest {
    @Test
    void onlyAVerdictWithConfidenceChangesWhatServes() {
        assertThat(AbDecision.actionFor(AbReport.CHALLENGER_BETTER, true)).isEqualTo(AbDecision.PROMOTED);
        assertThat(AbDecision.actionFor(AbReport.CHAMPION_BETTER, true)).isEqualTo(AbDecision.STOPPED);
        assertThat(AbDecision.actionFor(AbReport.INCONCLUSIVE, true)).isEqualTo(AbDecision.CONTINUES);
        assertThat(AbDecision.actionFor(AbReport.INSUFFICIENT, true)).isEqualTo(AbDecision.CONTINUES);
    }

    @Test
    void withAutomaticDecisionsOffTheVerdictIsOnlyReported() {
        assertThat(AbDecision.actionFor(AbReport.CHALLENGER_BETTER, false)).isEqualTo(AbDecision.REPORTED);
        assertThat(AbDecision.actionFor(AbReport.CHAMPION_BETTER, false)).isEqualTo(AbDecision.REPORTED);
    }
}

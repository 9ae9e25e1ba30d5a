package com.keystone.crm.workflow.analytics.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilsonIntervalTest {
    @Test
    void matchesTheTextbookValues() {
        // 10 of 100 at 95%: [0.0552, 0.1744]
        double[] ci = AnalyticsService.wilson(10, 100);
        assertThat(ci[0]).isCloseTo(0.0552, within(0.0005));
        assertThat(ci[1]).isCloseTo(0.1744, within(0.0005));
        assertThat(AnalyticsService.wilson(0, 0)).containsExactly(0, 0);
        assertThat(AnalyticsService.wilson(5, 5)[1]).isEqualTo(1.0);
        assertThat(AnalyticsService.wilson(0, 5)[0]).isEqualTo(0.0);
    }
}

package com.keystone.crm.workflow.sweep.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepWindowsTest {
    @Test
    void windowsAreAlignedToTheEpoch() {
        Instant t = Instant.parse("2026-12-06T13:45:10Z");
        assertThat(SweepWindows.windowStart(t, Duration.ofDays(1))).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(SweepWindows.windowStart(t, Duration.ofHours(6))).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(SweepWindows.windowStart(Instant.parse("2026-12-06T00:00:00Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        // before the epoch too (floor, not truncation towards zero)
        assertThat(SweepWindows.windowStart(Instant.parse("1969-12-31T23:00:00Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
    }

    @Test
    void twoMomentsOfOneWindowShareIt() {
        Duration week = Duration.ofDays(7);
        Instant a = Instant.parse("2026-12-03T00:00:00Z");
        assertThat(SweepWindows.windowStart(a, week)).isEqualTo(SweepWindows.windowStart(a.plus(Duration.ofDays(6)), week));
        assertThat(SweepWindows.windowStart(a, week)).isNotEqualTo(SweepWindows.windowStart(a.plus(week), week));
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> SweepWindows.windowStart(Instant.now(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.workflow.definition.domain.Definition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WaitTimesTest {
    static Definition.Step wait(String duration, String timeOfDay, Integer businessDays) {
        return new Definition.Step("w", "wait", null, null, null, null, null, null, null, null, null, null,
                duration, timeOfDay, businessDays, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aDurationIsAddedToNow() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(WaitTimes.until(wait("P1DT2H", null, null), ZoneOffset.UTC, now)).isEqualTo(Instant.parse("2026-03-03T12:00:00Z"));
    }

    @Test
    void aTimeOfDayIsTheNextOneInTheLeadsZone() {
        ZoneId chicago = ZoneId.of("America/Chicago"); // UTC-6 in winter
        // 08:00 in Chicago: 09:00 is later today
        assertThat(WaitTimes.until(wait(null, "09:00", null), chicago, Instant.parse("2026-01-15T14:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-15T15:00:00Z"));
        // 10:00 in Chicago: 09:00 is tomorrow
        assertThat(WaitTimes.until(wait(null, "09:00", null), chicago, Instant.parse("2026-01-15T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-16T15:00:00Z"));
    }

    @Test
    void businessDaysSkipTheWeekend() {
        Instant friday = Instant.parse("2026-03-06T10:00:00Z");
        assertThat(WaitTimes.until(wait(null, null, 1), ZoneOffset.UTC, friday)).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
        assertThat(WaitTimes.until(wait(null, null, 3), ZoneOffset.UTC, friday)).isEqualTo(Instant.parse("2026-03-11T10:00:00Z"));
    }

    @Test
    void anUnknownZoneFallsBackToTheWorkflowsThenUtc() {
        assertThat(WaitTimes.zone("Mars/Olympus", "Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(WaitTimes.zone(null, null)).isEqualTo(ZoneOffset.UTC);
        assertThat(WaitTimes.zone("America/Denver", "Europe/Berlin")).isEqualTo(ZoneId.of("America/Denver"));
    }

    @Test
    void splitsFollowTheWeightsAndAreStable() {
        Definition.Step split = new Definition.Step("s", "split", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null,
                List.of(new Definition.Variant("a", 90, "x"), new Definition.Variant("b", 10, "y")), null, null, null, null);
        UUID workflow = UUID.randomUUID();
        int a = 0;
        for (int i = 0; i < 2000; i++) {
            UUID lead = UUID.randomUUID();
            Definition.Variant v = Splits.choose(workflow, split, lead);
            assertThat(Splits.choose(workflow, split, lead)).isEqualTo(v);
            if (v.name().equals("a")) {
                a++;
            }
        }
        assertThat(a).isBetween(1700, 1900);
    }
}

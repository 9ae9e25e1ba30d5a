package com.keystone.crm.platform.chassis.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CrmClockTest {
    @Test
    void nowIsTheClocksInstantTruncatedToMicroseconds() {
        Clock fixed = Clock.fixed(Instant.parse("2026-05-01T12:00:00.123456789Z"), ZoneOffset.UTC);
        CrmClock clock = new CrmClock(fixed);
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-05-01T12:00:00.123456Z"));
        assertThat(clock.clock()).isSameAs(fixed);
    }

    @Test
    void theDefaultClockIsTheSystemClockInUtc() {
        Clock clock = new ClockProducer().clock();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        Instant before = Instant.now();
        assertThat(clock.instant()).isBetween(before, Instant.now());
    }
}

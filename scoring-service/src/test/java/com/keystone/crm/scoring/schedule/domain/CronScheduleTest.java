package com.keystone.crm.scoring.schedule.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    static final Instant SATURDAY = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theNextFiringIsStrictlyLaterInUtc() {
        CronSchedule weekly = CronSchedule.parse(" 0 0 3 ? * MON ", SATURDAY);
        assertThat(weekly.expression()).isEqualTo("0 0 3 ? * MON");
        assertThat(weekly.next(SATURDAY)).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(weekly.next(Instant.parse("2026-12-07T03:00:00Z"))).isEqualTo(Instant.parse("2026-12-14T03:00:00Z"));
        assertThat(CronSchedule.parse("0 0 * ? * *", SATURDAY).next(SATURDAY)).isEqualTo(Instant.parse("2026-12-05T11:00:00Z"));
    }

    @Test
    void unusableExpressionsAreRefusedWithAReason() {
        assertThatThrownBy(() -> CronSchedule.parse(null, SATURDAY)).hasMessageContaining("required");
        assertThatThrownBy(() -> CronSchedule.parse("  ", SATURDAY)).hasMessageContaining("required");
        assertThatThrownBy(() -> CronSchedule.parse("every monday", SATURDAY)).hasMessageContaining("Quartz");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 3 * * MON", SATURDAY)).hasMessageContaining("Quartz");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 3 1 1 ? 2001", SATURDAY)).hasMessageContaining("never fires");
        assertThatThrownBy(() -> CronSchedule.parse("0 */5 * ? * *", SATURDAY)).hasMessageContaining("once an hour");
    }
}

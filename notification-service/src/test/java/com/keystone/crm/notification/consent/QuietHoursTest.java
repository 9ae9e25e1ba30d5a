package com.keystone.crm.notification.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.notification.consent.service.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The sending windows, in the recipient's local time (plain unit test of the rules). */
class QuietHoursTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    final QuietHours hours = new QuietHours(new ObjectMapper());

    static Instant at(String local, ZoneId zone) {
        return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void insideTheFederalWindowSendsNow() {
        Instant now = at("2026-12-07T12:00", NEW_YORK);
        assertThat(hours.nextAllowed(now, hours.locate("+12125550100", null, NEW_YORK))).isEqualTo(now);
    }

    @Test
    void lateEveningWaitsForEightTheNextMorningAcrossTheEndOfDaylightSavingTime() {
        // 2026-11-01 02:00 EDT becomes 01:00 EST
        Instant now = at("2026-10-31T22:30", NEW_YORK);
        Instant next = hours.nextAllowed(now, hours.locate("+12125550100", "America/New_York", CHICAGO));
        assertThat(next.atZone(NEW_YORK).toLocalDateTime()).hasToString("2026-11-01T08:00");
        assertThat(next).isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
    }

    @Test
    void stateWindowsAreStricterThanTheFederalOne() {
        // Florida ends at 20:00; its numbers may be in Eastern or Central time: open in both
        Instant eveningInMiami = at("2026-12-07T20:30", NEW_YORK);
        Instant next = hours.nextAllowed(eveningInMiami, hours.locate("+13055550100", null, NEW_YORK));
        assertThat(next.atZone(CHICAGO).toLocalTime()).hasToString("08:00");
        // Connecticut starts at 09:00
        Instant earlyInHartford = at("2026-12-07T08:30", NEW_YORK);
        assertThat(hours.nextAllowed(earlyInHartford, hours.locate("+18605550100", null, NEW_YORK)).atZone(NEW_YORK).toLocalTime())
                .hasToString("09:00");
        // Mississippi: no marketing on Sundays (2026-12-06 is a Sunday)
        Instant sundayInJackson = at("2026-12-06T12:00", CHICAGO);
        assertThat(hours.nextAllowed(sundayInJackson, hours.locate("+16015550100", null, NEW_YORK)).atZone(CHICAGO))
                .isEqualTo(ZonedDateTime.parse("2026-12-07T08:00-06:00[America/Chicago]"));
    }

    @Test
    void theRequestsZoneWinsThenTheNumbersThenTheTenants() {
        assertThat(hours.locate("+13055550100", "America/Los_Angeles", NEW_YORK).zones()).containsExactly(ZoneId.of("America/Los_Angeles"));
        assertThat(hours.locate("+13055550100", "Not/AZone", NEW_YORK).zones()).containsExactly(NEW_YORK, CHICAGO);
        assertThat(hours.locate("+442071234567", null, CHICAGO).zones()).containsExactly(CHICAGO);
        assertThat(hours.locate("+13055550100", null, CHICAGO).state()).isEqualTo("FL");
    }
}

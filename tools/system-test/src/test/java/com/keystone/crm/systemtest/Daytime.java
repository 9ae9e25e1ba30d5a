package com.keystone.crm.systemtest;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A time zone where it is now between 10:00 and 18:00: the leads of the scenarios live there, so notification-service's
 * quiet hours (marketing texts 8:00-21:00 in the recipient's zone) never hold their texts, whenever the build runs.
 */
final class Daytime {
    private Daytime() {
    }

    static String zone() {
        for (int offset = -12; offset <= 14; offset++) {
            // POSIX-style names: Etc/GMT-3 is three hours ahead of UTC
            ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
            int hour = ZonedDateTime.now(zone).getHour();
            if (hour >= 10 && hour < 18) {
                return zone.getId();
            }
        }
        throw new IllegalStateException("no zone has daytime now"); // unreachable: 27 offsets cover every hour
    }
}

package com.keystone.crm.tools.mlssimulator.feed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How both protocols write timestamps: UTC with 'Z', or (zonelessTimestamps fault) server-local without offset. */
public final class Timestamps {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Timestamps() {
    }

    public static String format(Instant instant, boolean zoneless, ZoneOffset serverZone) {
        if (instant == null) {
            return null;
        }
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        if (zoneless) {
            return LOCAL.format(LocalDateTime.ofInstant(seconds, serverZone));
        }
        return DateTimeFormatter.ISO_INSTANT.format(seconds);
    }
}

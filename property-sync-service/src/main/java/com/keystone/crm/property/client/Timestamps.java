package com.keystone.crm.property.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** Reads the timestamps providers write: with Z or an offset, or without a zone (then in the server's zone). */
public final class Timestamps {

    private Timestamps() {
    }

    /** An instant from ISO-8601 (a space instead of T accepted, fractions optional); zoneless values are in {@code zone}. */
    public static Instant parse(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().replace(' ', 'T');
        if (v.length() == 10) {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).atZone(zone).toInstant();
    }

    /** A date (the first ten characters of a date or timestamp). */
    public static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
    }
}

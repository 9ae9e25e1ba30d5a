package com.keystone.crm.property.client.rets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** DMQL2 queries (RETS 1.7.2 §7.7) the client sends. */
public final class Dmql {

    /** Timestamps are sent without an offset: §7.7 reads them in the server's TimeZoneOffset. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Stands for "everything" in a full pull: earlier than any listing. */
    static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

    private Dmql() {
    }

    /** {@code (Field=ts+)}: modified at or after {@code since}, written in the server's zone; seconds rounded down. */
    public static String modifiedSince(String field, Instant since, ZoneId serverZone) {
        Instant from = since == null ? BEGINNING : since;
        return "(" + field + "=" + TIMESTAMP.format(from.atZone(serverZone)) + "+)";
    }

    /** {@code (Field=a-b)}: modified within [from, to] (both inclusive), for time slices. */
    public static String modifiedBetween(String field, Instant from, Instant to, ZoneId serverZone) {
        return "(" + field + "=" + TIMESTAMP.format(from.atZone(serverZone)) + "-" + TIMESTAMP.format(to.atZone(serverZone)) + ")";
    }

    /** {@code (Field=k1,k2,...)}: a DMQL2 string list, for fetching records by key batches. */
    public static String keyIn(String field, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no keys");
        }
        return "(" + field + "=" + String.join(",", keys) + ")";
    }
}

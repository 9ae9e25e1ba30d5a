package com.keystone.crm.property.domain;

import java.time.Instant;

/**
 * Where a run stands, committed with each batch. resumeFrom: restart the record stream there (inclusive); it moves
 * only while the feed arrives in ascending ModificationTimestamp order, otherwise a resume starts over from the
 * run's start (cheap: unchanged listings publish nothing). maxSeen: the newest ModificationTimestamp stored.
 */
public record Checkpoint(String phase, Instant resumeFrom, Instant maxSeen, boolean ascending, long batches) {
    public static final String RECORDS = "records";
    public static final String KEYS = "keys";
    public static final String DONE = "done";
}

package com.keystone.crm.workflow.sweep.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The windows of a recurring sweep: consecutive periods aligned to the epoch (UTC), so every instance computes the
 * same window for the same moment without talking to the others; a P1D sweep's windows start at UTC midnight.
 */
public final class SweepWindows {
    private SweepWindows() {
    }

    /** The start of the window of {@code period} that contains {@code now}. */
    public static Instant windowStart(Instant now, Duration period) {
        long ms = period.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("a sweep period must be positive: " + period);
        }
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms);
    }
}

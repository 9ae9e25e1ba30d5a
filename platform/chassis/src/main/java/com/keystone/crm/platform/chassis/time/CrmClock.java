package com.keystone.crm.platform.chassis.time;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Now" for domain and service code, from the injected {@link Clock} so that tests can move time. Instants are
 * truncated to microseconds, the precision of PostgreSQL's {@code timestamptz}: a value written and read back
 * compares equal to the one kept in memory (ETags, cursors and events built from it stay the same).
 */
@ApplicationScoped
public class CrmClock {
    private final Clock clock;

    public CrmClock(Clock clock) {
        this.clock = clock;
    }

    /** The current instant, truncated to microseconds. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The underlying clock, for APIs that take a {@link Clock} (java.time, libraries). */
    public Clock clock() {
        return clock;
    }
}

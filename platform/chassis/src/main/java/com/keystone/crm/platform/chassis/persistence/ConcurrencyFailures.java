package com.keystone.crm.platform.chassis.persistence;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Failures PostgreSQL answers when two transactions get in each other's way and it gives one up so the other goes on:
 * a deadlock (SQLSTATE 40P01) or a serialization failure (40001). The transaction given up changed nothing, so it can
 * simply run again; if it still loses, the caller gets a 409 (see the problem mappers), never a 500.
 */
public final class ConcurrencyFailures {
    static final Set<String> STATES = Set.of("40P01", "40001");
    /** How often a transaction given up is run again, and the first pause before it (doubling, jittered). */
    static final int RETRIES = 3;
    static final Duration FIRST_PAUSE = Duration.ofMillis(50);

    private ConcurrencyFailures() {
    }

    /** Whether {@code t}, or a cause of it, is PostgreSQL giving up this transaction for another's sake. */
    public static boolean isConcurrencyFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && STATES.contains(pg.getSqlState())) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the transaction {@code attempt} makes (subscribed afresh each time) and runs it again, a few times with a
     * short pause, when PostgreSQL gave it up for a concurrent one. The attempt must open its own transaction and
     * must not rely on entities a failed attempt loaded (a bulk statement, or a fresh read).
     */
    public static <T> Uni<T> retried(Supplier<Uni<? extends T>> attempt) {
        return Uni.createFrom().<T>deferred(attempt).onFailure(ConcurrencyFailures::isConcurrencyFailure)
                .retry().withBackOff(FIRST_PAUSE, FIRST_PAUSE.multipliedBy(8)).atMost(RETRIES);
    }
}

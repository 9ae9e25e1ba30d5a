package com.keystone.crm.platform.chassis.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyFailuresTest {
    static PgException pg(String state) {
        return new PgException("deadlock detected", "ERROR", state, "Process 1 waits for ShareLock");
    }

    @Test
    void deadlocksAndSerializationFailuresAreRecognisedThroughWrappers() {
        assertThat(ConcurrencyFailures.isConcurrencyFailure(pg("40P01"))).isTrue();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new CompletionException(new IllegalStateException(pg("40001"))))).isTrue();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new java.sql.SQLException("x", "40P01"))).isTrue();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(pg("23505"))).isFalse();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new IllegalStateException("40P01"))).isFalse();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(null)).isFalse();
    }

    @Test
    void aTransactionGivenUpRunsAgainAndOtherFailuresDoNot() {
        AtomicInteger runs = new AtomicInteger();
        String answer = ConcurrencyFailures.retried(() -> runs.incrementAndGet() < 3
                ? Uni.createFrom().failure(pg("40P01")) : Uni.createFrom().item("done")).await().atMost(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("done");
        assertThat(runs).hasValue(3);

        AtomicInteger other = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrencyFailures.retried(() -> {
            other.incrementAndGet();
            return Uni.createFrom().failure(pg("23505"));
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(PgException.class);
        assertThat(other).hasValue(1);

        AtomicInteger losing = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrencyFailures.retried(() -> {
            losing.incrementAndGet();
            return Uni.createFrom().failure(pg("40001"));
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(PgException.class);
        assertThat(losing).hasValue(1 + ConcurrencyFailures.RETRIES);
    }
}

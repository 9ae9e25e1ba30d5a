package com.keystone.crm.property.client.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Time and waiting for the request budget, so budget and backoff rules can be tested without real sleeps. */
public interface Waiter {

    Instant now();

    void sleep(Duration duration);

    /** The real clock; an interrupted wait ends the request as an interrupted thread would. */
    Waiter SYSTEM = new Waiter() {
        private final Clock clock = Clock.systemUTC();

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public void sleep(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            try {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the provider's request budget", e);
            }
        }
    };
}

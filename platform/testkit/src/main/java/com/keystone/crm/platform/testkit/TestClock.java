package com.keystone.crm.platform.testkit;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every {@code @QuarkusTest} of a service (a CDI bean: it replaces the chassis's default
 * {@link Clock}). It runs with the system clock, shifted by an offset a test moves:
 * <pre>
 * &#64;Inject TestClock clock;
 * clock.advance(Duration.ofHours(25));   // the service now lives 25 h later
 * ...
 * &#64;AfterEach void resetClock() { clock.reset(); }
 * </pre>
 * Time keeps running (Kafka, leases and timeouts still work); only the offset is the test's. One application
 * serves every test class of a module, so a test that moves time resets it.
 */
@Singleton
public class TestClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves the service's time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Back to the real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }
}

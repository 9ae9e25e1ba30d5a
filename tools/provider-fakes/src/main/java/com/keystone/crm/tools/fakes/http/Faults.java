package com.keystone.crm.tools.fakes.http;

import com.keystone.crm.tools.fakes.FailureMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The faults queued for one fake: the next n requests fail in a given mode, or every request does until cleared.
 * Hanging requests wait on a latch that {@link #clear()} releases, so a test never waits for the hang limit.
 */
public final class Faults {

    private final Deque<FailureMode> queued = new ArrayDeque<>();
    private FailureMode always;
    private CountDownLatch release = new CountDownLatch(1);
    private final Duration hangLimit;
    private final int retryAfterSeconds;

    public Faults(Duration hangLimit, int retryAfterSeconds) {
        this.hangLimit = hangLimit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public synchronized void failNext(int n, FailureMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        for (int i = 0; i < n; i++) {
            queued.addLast(mode);
        }
    }

    public synchronized void failAlways(FailureMode mode) {
        this.always = mode;
    }

    /** Drops queued and standing faults and releases every hanging request (it is answered with nothing). */
    public synchronized void clear() {
        queued.clear();
        always = null;
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** The fault the next request gets, or null: consumes one queued fault. */
    public synchronized FailureMode take() {
        FailureMode next = queued.pollFirst();
        return next != null ? next : always;
    }

    public synchronized int pending() {
        return queued.size();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Blocks the calling request thread until the hang limit passes or the faults are cleared. */
    public void hang() {
        CountDownLatch latch;
        synchronized (this) {
            latch = release;
        }
        try {
            latch.await(hangLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

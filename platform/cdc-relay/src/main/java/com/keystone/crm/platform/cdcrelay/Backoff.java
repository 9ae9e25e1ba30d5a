package com.keystone.crm.platform.cdcrelay;

/** Exponential backoff: initial, doubled per attempt, capped; {@link #reset()} after a connector streamed. */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = Math.max(initialMs, maxMs);
        this.nextMs = initialMs;
    }

    /** The wait before the next attempt; doubles the one after (up to the cap). */
    public long next() {
        long current = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return current;
    }

    public void reset() {
        nextMs = initialMs;
    }
}

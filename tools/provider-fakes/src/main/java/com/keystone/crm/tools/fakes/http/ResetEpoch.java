package com.keystone.crm.tools.fakes.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a fake's resets, so that work scheduled before a reset (a delivery receipt, a status callback) drops itself
 * instead of landing in what the next test records.
 */
public final class ResetEpoch {

    private final AtomicLong epoch = new AtomicLong();

    public void advance() {
        epoch.incrementAndGet();
    }

    /** {@code task}, made to do nothing when it runs after a reset that came after this call. */
    public Runnable guard(Runnable task) {
        long at = epoch.get();
        return () -> {
            if (epoch.get() == at) {
                task.run();
            }
        };
    }
}

package com.keystone.crm.platform.chassis.worker;

import java.time.Duration;

/**
 * How a {@link LeasedWorker} runs on this instance.
 *
 * @param enabled      false on instances that only serve the API: no thread is started
 * @param pollInterval how often each slot looks for work when nobody wakes it
 * @param slots        worker threads of this instance, each claiming and running one item at a time (1 for most)
 * @param stopGrace    on shutdown, how long the current items may run on before their threads are interrupted
 */
public record WorkerSettings(boolean enabled, Duration pollInterval, int slots, Duration stopGrace) {
    public WorkerSettings {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        if (stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative");
        }
    }

    /** One thread polling every {@code pollInterval}, given {@code stopGrace} to finish its item on shutdown. */
    public static WorkerSettings single(boolean enabled, Duration pollInterval, Duration stopGrace) {
        return new WorkerSettings(enabled, pollInterval, 1, stopGrace);
    }
}

package com.keystone.crm.tools.localstack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One part of the stack the supervisor starts, waits for, watches and stops. */
public interface Component {

    String name();

    /** Launches the part (returns once it is launched; PostgreSQL, which zonky waits for, once it answers). */
    void start() throws Exception;

    /** Waits until the part is ready for the next one (port open, health 200); throws if it died meanwhile. */
    void awaitReady(Duration timeout) throws Exception;

    /** Stops the part: gracefully, then forcibly after a grace period. Idempotent. */
    void stop();

    /** Completes when the part's process exits; empty for parts that live inside the supervisor's JVM. */
    default Optional<CompletableFuture<?>> exited() {
        return Optional.empty();
    }

    /** The log file of the part, shown when it fails. */
    default Optional<java.nio.file.Path> logFile() {
        return Optional.empty();
    }
}

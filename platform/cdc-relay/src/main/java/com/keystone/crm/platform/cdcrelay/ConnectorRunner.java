package com.keystone.crm.platform.cdcrelay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * Runs one connector file on its own thread: builds a Debezium embedded engine (Connect format, the file's SMTs
 * applied by the engine), runs it, and when it ends with an error (database or publication missing, database
 * restarted, Kafka unavailable) builds a new one after a backoff, forever, until {@link #requestStop()}. The new
 * engine resumes from the durable offsets. An engine that cannot even be built (invalid connector file) is FAILED
 * and not retried.
 */
public final class ConnectorRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRunner.class);
    /** The same error is logged again at most this often; a different one at once. */
    private static final long REPEAT_LOG_INTERVAL_MS = 30_000;

    private final String name;
    private final Properties engineProperties;
    private final DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer;
    private final HealthRegistry health;
    private final Backoff backoff;
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object engineLock = new Object();
    private DebeziumEngine<?> engine; // guarded by engineLock
    private volatile boolean stopping;
    /** The last engine stopped because Kafka did not take a batch: STREAMING again only once Kafka acknowledged one. */
    private volatile boolean awaitingKafka;
    /** Set once the current attempt counts as streaming. */
    private volatile AtomicBoolean attemptStreaming = new AtomicBoolean();

    private String lastLoggedError;
    private long lastLoggedAt;
    private int suppressedLogs;

    public ConnectorRunner(String name, Properties engineProperties,
                           DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer,
                           HealthRegistry health, Backoff backoff) {
        this.name = name;
        this.engineProperties = engineProperties;
        this.consumer = (records, committer) -> {
            consumer.handleBatch(records, committer);
            if (awaitingKafka) {
                awaitingKafka = false;
                markStreaming();
            }
        };
        this.health = health;
        this.backoff = backoff;
        this.thread = new Thread(this::runUntilStopped, "relay-" + name);
    }

    public String name() {
        return name;
    }

    public void start() {
        thread.start();
    }

    /** Asks the runner to stop; {@link #awaitStopped(long)} closes the running engine and waits. */
    public void requestStop() {
        stopping = true;
        stopRequested.countDown();
    }

    /**
     * Closes the current engine (which commits the offsets of acknowledged records) and waits for the thread.
     *
     * @return true if the runner thread ended before the deadline
     */
    public boolean awaitStopped(long deadlineNanos) throws InterruptedException {
        requestStop();
        DebeziumEngine<?> current;
        synchronized (engineLock) {
            current = engine;
        }
        if (current != null) {
            closeEngine(current, deadlineNanos);
        }
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        thread.join(Math.max(1, remainingMs));
        return !thread.isAlive();
    }

    private void runUntilStopped() {
        int attempt = 0;
        while (!stopping) {
            attempt++;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean streamed = new AtomicBoolean();
            attemptStreaming = streamed;
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current;
            try {
                Properties properties = new Properties();
                properties.putAll(engineProperties);
                current = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(properties)
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void taskStarted() {
                                if (awaitingKafka) {
                                    LOG.info("relay: connector {} started, waiting for Kafka to accept the pending records", name);
                                }
                                else {
                                    markStreaming();
                                }
                            }
                        })
                        .using((success, message, error) -> {
                            if (!success) {
                                failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                            }
                        })
                        .notifying(consumer)
                        .build();
            }
            catch (RuntimeException | LinkageError e) {
                String message = describe(e);
                health.failed(name, message);
                LOG.error("relay: connector {} FAILED (invalid connector configuration, not retried): {}", name, message);
                LOG.debug("relay: connector {} build failure", name, e);
                return;
            }
            synchronized (engineLock) {
                if (stopping) {
                    return;
                }
                engine = current;
            }
            try {
                current.run();
            }
            catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            synchronized (engineLock) {
                engine = null;
            }
            if (stopping) {
                return;
            }
            if (streamed.get()) {
                backoff.reset();
            }
            Throwable error = failure.get();
            awaitingKafka = causedBy(error, RelayForwardingException.class);
            String message = error == null ? "engine stopped unexpectedly" : describe(error);
            long delayMs = backoff.next();
            health.retrying(name, message);
            logRetry(attempt, delayMs, message, streamed.get(), error);
            try {
                if (stopRequested.await(delayMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void markStreaming() {
        if (attemptStreaming.compareAndSet(false, true)) {
            health.streaming(name);
            LOG.info("relay: connector {} streaming", name);
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    private void logRetry(int attempt, long delayMs, String message, boolean wasStreaming, Throwable error) {
        long now = System.currentTimeMillis();
        if (wasStreaming || !message.equals(lastLoggedError) || now - lastLoggedAt >= REPEAT_LOG_INTERVAL_MS) {
            String repeats = suppressedLogs > 0 ? " (" + suppressedLogs + " attempts not logged since the previous line)" : "";
            if (wasStreaming) {
                LOG.warn("relay: connector {} stopped: {}; restarting in {} ms", name, message, delayMs);
            }
            else {
                LOG.info("relay: connector {} not ready (attempt {}): {}; retrying in {} ms{}", name, attempt, message,
                        delayMs, repeats);
            }
            lastLoggedError = message;
            lastLoggedAt = now;
            suppressedLogs = 0;
        }
        else {
            suppressedLogs++;
        }
        if (error != null) {
            LOG.debug("relay: connector {} attempt {} failed", name, attempt, error);
        }
    }

    private void closeEngine(DebeziumEngine<?> current, long deadlineNanos) throws InterruptedException {
        while (true) {
            try {
                current.close();
                return;
            }
            catch (IllegalStateException e) {
                // the async engine refuses to stop while its tasks are starting; anything else means it is already stopping
                if (String.valueOf(e.getMessage()).contains("tasks are starting") && System.nanoTime() < deadlineNanos) {
                    Thread.sleep(100);
                    continue;
                }
                return;
            }
            catch (IOException | RuntimeException e) {
                LOG.warn("relay: connector {} did not close cleanly: {}", name, describe(e));
                return;
            }
        }
    }

    /** One line: the messages of the cause chain, outermost first, without repeats. */
    static String describe(Throwable error) {
        List<String> parts = new ArrayList<>();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            String message = current.getMessage();
            if (message != null && !message.isBlank()) {
                String line = message.replaceAll("\\s+", " ").trim();
                if (parts.stream().noneMatch(p -> p.contains(line))) {
                    parts.add(line);
                }
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        if (parts.isEmpty()) {
            parts.add(error.getClass().getName());
        }
        String joined = String.join(" / ", parts);
        return joined.length() > 500 ? joined.substring(0, 500) + "..." : joined;
    }
}

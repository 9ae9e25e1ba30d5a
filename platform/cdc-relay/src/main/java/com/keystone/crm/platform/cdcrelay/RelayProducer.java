package com.keystone.crm.platform.cdcrelay;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka producer of one connector, replaceable: {@link #current()} creates it on first use, {@link #replace}
 * closes one that a fatal error made unusable, so the next batch (after the engine restarted from the last committed
 * offset) goes through a fresh producer with a new producer id and fresh sequence numbers. Records that were not
 * acknowledged are not marked processed, so they are sent again (duplicates allowed, consumers deduplicate on
 * {@code ce_id}).
 */
public final class RelayProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayProducer.class);

    private final String connectorName;
    private final Supplier<Producer<byte[], byte[]>> factory;
    private final RelayMetrics metrics;
    private Producer<byte[], byte[]> current; // guarded by this
    private boolean closed; // guarded by this

    public RelayProducer(String connectorName, Supplier<Producer<byte[], byte[]>> factory, RelayMetrics metrics) {
        this.connectorName = connectorName;
        this.factory = factory;
        this.metrics = metrics;
    }

    /** The producer to send the next batch through (created if there is none). */
    public synchronized Producer<byte[], byte[]> current() {
        if (closed) {
            throw new IllegalStateException("connector " + connectorName + ": the relay is stopping");
        }
        if (current == null) {
            current = factory.get();
        }
        return current;
    }

    /**
     * Closes {@code failed} without waiting for its pending records (they are not marked, so they are sent again) and
     * drops it, unless it has been replaced already.
     */
    public void replace(Producer<byte[], byte[]> failed, Throwable cause) {
        synchronized (this) {
            if (current != failed) {
                return;
            }
            current = null;
        }
        metrics.producerRecreated(connectorName);
        LOG.warn("relay: connector {}: replacing the Kafka producer after {}", connectorName, ConnectorRunner.describe(cause));
        closeQuietly(failed, Duration.ZERO);
    }

    /** Flushes and closes the current producer. */
    @Override
    public void close() {
        Producer<byte[], byte[]> last;
        synchronized (this) {
            closed = true;
            last = current;
            current = null;
        }
        if (last != null) {
            closeQuietly(last, Duration.ofSeconds(10));
        }
    }

    private void closeQuietly(Producer<byte[], byte[]> producer, Duration timeout) {
        try {
            producer.close(timeout);
        }
        catch (RuntimeException e) {
            LOG.debug("relay: connector {}: closing a producer failed", connectorName, e);
        }
    }
}

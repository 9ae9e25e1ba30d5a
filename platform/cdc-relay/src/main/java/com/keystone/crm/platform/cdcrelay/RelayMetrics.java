package com.keystone.crm.platform.cdcrelay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The relay's metrics (Micrometer, Prometheus text at {@code GET /metrics}):
 * <ul>
 * <li>{@code relay_records_forwarded_total{connector,topic}}: records Kafka acknowledged;</li>
 * <li>{@code relay_send_failures_total{connector,topic,error}}: batches that failed, by the failing record's topic
 * and the error's class;</li>
 * <li>{@code relay_producer_recreations_total{connector}}: producers replaced after a fatal error;</li>
 * <li>{@code relay_last_forwarded_timestamp_seconds{connector}}: when Kafka last acknowledged a record (epoch);</li>
 * <li>{@code relay_lag_seconds{connector}}: for that record, the time from its change event (the outbox row's
 * commit) to Kafka's acknowledgement;</li>
 * <li>{@code relay_connector_up{connector}}: 1 while the connector is STREAMING, else 0;</li>
 * <li>the JVM's memory, GC, threads, CPU and uptime.</li>
 * </ul>
 */
public final class RelayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> forwarded = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastForwardedMs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lagMs = new ConcurrentHashMap<>();

    public RelayMetrics(List<String> connectors, HealthRegistry health) {
        for (String connector : connectors) {
            AtomicLong last = lastForwardedMs.computeIfAbsent(connector, c -> new AtomicLong());
            AtomicLong lag = lagMs.computeIfAbsent(connector, c -> new AtomicLong());
            Gauge.builder("relay.last.forwarded.timestamp", last, v -> v.get() / 1000.0)
                    .description("When Kafka last acknowledged a record of the connector (epoch seconds; 0 = never)")
                    .baseUnit("seconds").tag("connector", connector).register(registry);
            Gauge.builder("relay.lag", lag, v -> v.get() / 1000.0)
                    .description("Time from the last forwarded record's change event to Kafka's acknowledgement")
                    .baseUnit("seconds").tag("connector", connector).register(registry);
            Gauge.builder("relay.connector.up", health, h -> h.state(connector) == ConnectorState.STREAMING ? 1 : 0)
                    .description("1 while the connector is STREAMING").tag("connector", connector).register(registry);
            recreations(connector);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Kafka acknowledged a record; {@code eventTimestampMs} is the record's timestamp (null if it had none). */
    public void forwarded(String connector, String topic, Long eventTimestampMs) {
        forwarded.computeIfAbsent(connector + '\u0000' + topic, k -> Counter.builder("relay.records.forwarded")
                .description("Records Kafka acknowledged").tag("connector", connector).tag("topic", topic)
                .register(registry)).increment();
        long now = System.currentTimeMillis();
        lastForwardedMs.computeIfAbsent(connector, c -> new AtomicLong()).set(now);
        if (eventTimestampMs != null) {
            lagMs.computeIfAbsent(connector, c -> new AtomicLong()).set(Math.max(0, now - eventTimestampMs));
        }
    }

    /** A batch failed at a record of {@code topic}. */
    public void sendFailed(String connector, String topic, Throwable error) {
        Counter.builder("relay.send.failures").description("Batches Kafka did not accept")
                .tag("connector", connector).tag("topic", topic == null ? "" : topic)
                .tag("error", error == null ? "unknown" : error.getClass().getSimpleName())
                .register(registry).increment();
    }

    /** A producer was replaced after a fatal error. */
    public void producerRecreated(String connector) {
        recreations(connector).increment();
    }

    private Counter recreations(String connector) {
        return Counter.builder("relay.producer.recreations").description("Kafka producers replaced after a fatal error")
                .tag("connector", connector).register(registry);
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}

package com.keystone.crm.platform.cdcrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay: one {@link ConnectorRunner} per connector file, each with its own idempotent Kafka producer
 * ({@link RelayProducer}, replaced after a fatal error without disturbing the other connectors), the health and
 * metrics endpoint. {@link #close()} stops the engines first (they commit the offsets of acknowledged records), then
 * flushes and closes the producers, then the HTTP endpoint.
 */
public final class CdcRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdcRelay.class);
    private static final Duration ENGINE_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<RelayProducer> producers;
    private final HealthRegistry health;
    private final RelayMetrics metrics;
    private final HealthServer healthServer;
    private final List<ConnectorRunner> runners;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private CdcRelay(List<RelayProducer> producers, HealthRegistry health, RelayMetrics metrics, HealthServer healthServer,
                     List<ConnectorRunner> runners) {
        this.producers = producers;
        this.health = health;
        this.metrics = metrics;
        this.healthServer = healthServer;
        this.runners = runners;
    }

    /** Starts the health endpoint, then one engine thread (and producer) per connector. */
    public static CdcRelay start(RelaySettings settings, List<ConnectorDefinition> connectors) throws IOException {
        Files.createDirectories(settings.dataDir());
        List<String> names = connectors.stream().map(ConnectorDefinition::name).collect(Collectors.toList());
        HealthRegistry health = new HealthRegistry(names);
        RelayMetrics metrics = new RelayMetrics(names, health);
        HealthServer healthServer = new HealthServer(settings.httpPort(), health, metrics::scrape).start();
        List<RelayProducer> producers = new ArrayList<>();
        List<ConnectorRunner> runners = new ArrayList<>();
        try {
            for (ConnectorDefinition connector : connectors) {
                Properties producerProperties = producerProperties(settings, connector.name());
                // fail at start on invalid producer settings, not at the first batch
                new ProducerConfig(producerProperties);
                RelayProducer producer = new RelayProducer(connector.name(), () -> new KafkaProducer<>(producerProperties), metrics);
                producers.add(producer);
                runners.add(new ConnectorRunner(connector.name(), EngineProperties.of(connector, settings),
                        new KafkaForwarder(connector.name(), producer, new RecordConverter(), metrics), health,
                        new Backoff(settings.retryInitialMs(), settings.retryMaxMs())));
            }
        }
        catch (RuntimeException e) {
            healthServer.close();
            throw e;
        }
        CdcRelay relay = new CdcRelay(producers, health, metrics, healthServer, runners);
        LOG.info("relay: health http://localhost:{}/health, metrics http://localhost:{}/metrics", healthServer.port(),
                healthServer.port());
        LOG.info("relay: starting {} connector(s) from {} to Kafka {}, offsets in {}: {}", connectors.size(),
                settings.connectDir().toAbsolutePath(), settings.bootstrapServers(), settings.dataDir().toAbsolutePath(),
                String.join(", ", names));
        runners.forEach(ConnectorRunner::start);
        return relay;
    }

    static Properties producerProperties(RelaySettings settings, String connectorName) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "cdc-relay-" + connectorName);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(settings.deliveryTimeoutMs()));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms (30 s by default)
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, settings.deliveryTimeoutMs() - 5)));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.maxBlockMs()));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    public int httpPort() {
        return healthServer.port();
    }

    public HealthRegistry health() {
        return health;
    }

    public RelayMetrics metrics() {
        return metrics;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            LOG.info("relay: stopping");
            long deadline = System.nanoTime() + ENGINE_STOP_TIMEOUT.toNanos();
            runners.forEach(ConnectorRunner::requestStop);
            List<Thread> stoppers = new ArrayList<>();
            for (ConnectorRunner runner : runners) {
                Thread stopper = new Thread(() -> {
                    try {
                        if (!runner.awaitStopped(deadline)) {
                            LOG.warn("relay: connector {} did not stop within {} s", runner.name(), ENGINE_STOP_TIMEOUT.toSeconds());
                        }
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "relay-stop-" + runner.name());
                stopper.start();
                stoppers.add(stopper);
            }
            for (Thread stopper : stoppers) {
                stopper.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1000));
            }
            producers.forEach(RelayProducer::close);
            healthServer.close();
            LOG.info("relay: stopped");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            closed.countDown();
        }
    }
}

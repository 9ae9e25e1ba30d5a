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
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay: one {@link ConnectorRunner} per connector file, one shared idempotent Kafka producer, the
 * health endpoint. {@link #close()} stops the engines first (they commit the offsets of acknowledged records),
 * then flushes and closes the producer, then the health endpoint.
 */
public final class CdcRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdcRelay.class);
    private static final Duration ENGINE_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<byte[], byte[]> producer;
    private final HealthRegistry health;
    private final HealthServer healthServer;
    private final List<ConnectorRunner> runners;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private CdcRelay(Producer<byte[], byte[]> producer, HealthRegistry health, HealthServer healthServer,
                     List<ConnectorRunner> runners) {
        this.producer = producer;
        this.health = health;
        this.healthServer = healthServer;
        this.runners = runners;
    }

    /** Starts the health endpoint, the producer and one engine thread per connector. */
    public static CdcRelay start(RelaySettings settings, List<ConnectorDefinition> connectors) throws IOException {
        Files.createDirectories(settings.dataDir());
        List<String> names = connectors.stream().map(ConnectorDefinition::name).collect(Collectors.toList());
        HealthRegistry health = new HealthRegistry(names);
        HealthServer healthServer = new HealthServer(settings.httpPort(), health).start();
        Producer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerProperties(settings.bootstrapServers()));
        }
        catch (RuntimeException e) {
            healthServer.close();
            throw e;
        }
        List<ConnectorRunner> runners = new ArrayList<>();
        for (ConnectorDefinition connector : connectors) {
            runners.add(new ConnectorRunner(connector.name(), EngineProperties.of(connector, settings),
                    new KafkaForwarder(connector.name(), producer, new RecordConverter()), health,
                    new Backoff(settings.retryInitialMs(), settings.retryMaxMs())));
        }
        CdcRelay relay = new CdcRelay(producer, health, healthServer, runners);
        LOG.info("relay: health http://localhost:{}/health", healthServer.port());
        LOG.info("relay: starting {} connector(s) from {} to Kafka {}, offsets in {}: {}", connectors.size(),
                settings.connectDir().toAbsolutePath(), settings.bootstrapServers(), settings.dataDir().toAbsolutePath(),
                String.join(", ", names));
        runners.forEach(ConnectorRunner::start);
        return relay;
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "cdc-relay");
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
            producer.close(PRODUCER_CLOSE_TIMEOUT);
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

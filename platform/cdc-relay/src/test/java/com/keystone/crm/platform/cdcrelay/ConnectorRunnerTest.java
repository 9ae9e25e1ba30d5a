package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRunnerTest {

    @TempDir
    Path dataDir;

    @Test
    void a_database_that_cannot_be_reached_is_retried_with_backoff_until_stopped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectorDefinition connector = new ConnectorFileLoader(new PlaceholderResolver(EnvLookup.of(TestFiles.dbEnv("127.0.0.1", closedPort))))
                .load(TestFiles.deployConnectDir(), Set.of("lead-service-outbox")).get(0);
        HealthRegistry health = new HealthRegistry(List.of(connector.name()));
        ConnectorRunner runner = runner(connector.name(), EngineProperties.of(connector, settings()), health);

        runner.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> health.state(connector.name()) == ConnectorState.RETRYING);

        assertThat(health.state(connector.name())).isEqualTo(ConnectorState.RETRYING);
        assertThat(health.snapshot().errors().get(connector.name())).isNotBlank();
        assertThat(health.snapshot().up()).isFalse();
        assertThat(runner.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();
    }

    @Test
    void a_connector_class_that_does_not_exist_is_failed_and_not_retried() throws Exception {
        ConnectorDefinition connector = new ConnectorDefinition("broken", Path.of("broken.json"),
                Map.of("connector.class", "com.example.NoSuchConnector"));
        HealthRegistry health = new HealthRegistry(List.of("broken"));
        ConnectorRunner runner = runner("broken", EngineProperties.of(connector, settings()), health);

        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> health.state("broken") != ConnectorState.STARTING);
        // and it stays failed: no retry follows
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> health.state("broken") == ConnectorState.FAILED);

        assertThat(health.state("broken")).as("not retried: still FAILED, never RETRYING").isEqualTo(ConnectorState.FAILED);
        assertThat(runner.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(health.snapshot().errors().get("broken")).contains("NoSuchConnector");
    }

    @Test
    void describe_joins_the_cause_chain_on_one_line() {
        Exception error = new IllegalStateException("Connector configuration is not valid.",
                new RuntimeException("FATAL: database \"x\"\n does not exist"));

        assertThat(ConnectorRunner.describe(error))
                .isEqualTo("Connector configuration is not valid. / FATAL: database \"x\" does not exist");
        assertThat(ConnectorRunner.describe(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    private RelaySettings settings() {
        return RelaySettings.from(EnvLookup.of(Map.of("RELAY_DATA_DIR", dataDir.toString(),
                "RELAY_RETRY_INITIAL_MS", "100", "RELAY_RETRY_MAX_MS", "200")));
    }

    private static ConnectorRunner runner(String name, Properties properties, HealthRegistry health) {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        RelayMetrics metrics = new RelayMetrics(java.util.List.of(name), health);
        return new ConnectorRunner(name, properties, new KafkaForwarder(name, new RelayProducer(name, () -> producer, metrics),
                new RecordConverter(), metrics), health, new Backoff(100, 200));
    }
}

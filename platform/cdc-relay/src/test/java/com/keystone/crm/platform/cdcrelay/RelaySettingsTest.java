package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    @Test
    void defaults() {
        RelaySettings settings = RelaySettings.from(EnvLookup.of(Map.of()));

        assertThat(settings.connectDir()).isEqualTo(Path.of("deploy/connect"));
        assertThat(settings.dataDir()).isEqualTo(Path.of(".relay-data"));
        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.httpPort()).isEqualTo(8090);
        assertThat(settings.connectors()).isEmpty();
        assertThat(settings.retryInitialMs()).isEqualTo(2000);
        assertThat(settings.retryMaxMs()).isEqualTo(10000);
        assertThat(settings.offsetFlushIntervalMs()).isZero();
        assertThat(settings.deliveryTimeoutMs()).isEqualTo(120_000);
        assertThat(settings.maxBlockMs()).isEqualTo(60_000);
    }

    @Test
    void producer_timeouts_and_per_connector_producer_settings() {
        RelaySettings settings = RelaySettings.from(EnvLookup.of(Map.of(
                "RELAY_PRODUCER_DELIVERY_TIMEOUT_MS", "8000", "RELAY_PRODUCER_MAX_BLOCK_MS", "3000")));
        assertThat(settings.deliveryTimeoutMs()).isEqualTo(8000);
        assertThat(settings.maxBlockMs()).isEqualTo(3000);

        Properties producer = CdcRelay.producerProperties(settings, "lead-service-outbox");
        assertThat(producer).containsEntry("client.id", "cdc-relay-lead-service-outbox")
                .containsEntry("delivery.timeout.ms", "8000")
                .containsEntry("request.timeout.ms", "7995")
                .containsEntry("max.block.ms", "3000")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all");
        // Kafka accepts the combination (delivery.timeout.ms >= linger.ms + request.timeout.ms)
        new org.apache.kafka.clients.producer.ProducerConfig(producer);
        assertThatThrownBy(() -> RelaySettings.from(EnvLookup.of(Map.of("RELAY_PRODUCER_DELIVERY_TIMEOUT_MS", "10"))))
                .isInstanceOf(RelayConfigException.class);
    }

    @Test
    void from_environment_with_system_properties_winning() {
        Properties properties = new Properties();
        properties.setProperty("relay.http.port", "0");
        RelaySettings settings = RelaySettings.from(new EnvLookup(Map.of(
                "RELAY_CONNECT_DIR", "/etc/connect",
                "RELAY_DATA_DIR", "/var/relay",
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "RELAY_HTTP_PORT", "9999",
                "RELAY_CONNECTORS", " lead-service-outbox , ,api-gateway-outbox",
                "RELAY_RETRY_INITIAL_MS", "100",
                "RELAY_RETRY_MAX_MS", "50",
                "RELAY_OFFSET_FLUSH_INTERVAL_MS", "1000"), properties));

        assertThat(settings.connectDir()).isEqualTo(Path.of("/etc/connect"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/relay"));
        assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(settings.httpPort()).isZero();
        assertThat(settings.connectors()).containsExactlyInAnyOrder("lead-service-outbox", "api-gateway-outbox");
        assertThat(settings.retryInitialMs()).isEqualTo(100);
        assertThat(settings.retryMaxMs()).as("never below the initial wait").isEqualTo(100);
        assertThat(settings.offsetFlushIntervalMs()).isEqualTo(1000);
    }

    @Test
    void invalid_numbers_are_configuration_errors() {
        assertThatThrownBy(() -> RelaySettings.from(EnvLookup.of(Map.of("RELAY_HTTP_PORT", "http"))))
                .isInstanceOf(RelayConfigException.class).hasMessageContaining("RELAY_HTTP_PORT=http");
        assertThatThrownBy(() -> RelaySettings.from(EnvLookup.of(Map.of("RELAY_HTTP_PORT", "70000"))))
                .isInstanceOf(RelayConfigException.class).hasMessageContaining("out of range");
    }

    @Test
    void backoff_doubles_up_to_the_cap_and_resets() {
        Backoff backoff = new Backoff(2000, 10000);

        assertThat(new long[] {backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()})
                .containsExactly(2000, 4000, 8000, 10000, 10000);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(2000);
    }
}

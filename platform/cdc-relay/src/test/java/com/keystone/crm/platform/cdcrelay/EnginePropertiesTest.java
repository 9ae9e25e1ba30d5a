package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class EnginePropertiesTest {

    @Test
    void adds_the_embedded_runtime_settings_and_drops_the_worker_converters() {
        ConnectorDefinition connector = new ConnectorDefinition("lead-service-outbox", Path.of("lead-service.json"), Map.of(
                "connector.class", "io.debezium.connector.postgresql.PostgresConnector",
                "database.dbname", "lead-service",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false",
                "header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter",
                "transforms", "outbox"));
        RelaySettings settings = RelaySettings.from(EnvLookup.of(Map.of("RELAY_DATA_DIR", "/var/relay")));

        Properties properties = EngineProperties.of(connector, settings);

        assertThat(properties)
                .containsEntry("name", "lead-service-outbox")
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("database.dbname", "lead-service")
                .containsEntry("transforms", "outbox")
                .containsEntry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore")
                .containsEntry("offset.storage.file.filename", "/var/relay/lead-service-outbox.offsets")
                .containsEntry("offset.flush.interval.ms", "0")
                .doesNotContainKeys("key.converter", "value.converter", "value.converter.schemas.enable", "header.converter");
    }

    @Test
    void offsets_file_names_are_file_system_safe() {
        assertThat(EngineProperties.offsetsFile(Path.of("/d"), "a/b c")).isEqualTo(Path.of("/d/a_b_c.offsets"));
    }
}

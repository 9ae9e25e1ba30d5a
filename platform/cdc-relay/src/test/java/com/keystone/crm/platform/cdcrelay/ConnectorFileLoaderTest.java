package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorFileLoaderTest {

    @TempDir
    Path dir;

    private final ConnectorFileLoader loader = new ConnectorFileLoader(new PlaceholderResolver(EnvLookup.of(TestFiles.dbEnv("db", 5432))));

    @Test
    void loads_every_json_file_sorted_and_resolves_placeholders() throws IOException {
        write("b-service.json", connector("b-service-outbox", "${env:CRM_DB_HOST}"));
        write("a-service.json", connector("a-service-outbox", "${env:CRM_DB_HOST}"));
        write("README.md", "not a connector");

        List<ConnectorDefinition> connectors = loader.load(dir, Set.of());

        assertThat(connectors).extracting(ConnectorDefinition::name).containsExactly("a-service-outbox", "b-service-outbox");
        assertThat(connectors.get(0).config())
                .containsEntry("database.hostname", "db")
                .containsEntry("transforms.outbox.route.topic.replacement", "${routedByValue}");
        assertThat(connectors.get(0).fileStem()).isEqualTo("a-service");
    }

    @Test
    void relay_connectors_selects_by_connector_name_or_file_name() throws IOException {
        write("a-service.json", connector("a-service-outbox", "h"));
        write("b-service.json", connector("b-service-outbox", "h"));
        write("c-service.json", connector("c-service-outbox", "h"));

        assertThat(loader.load(dir, Set.of("b-service-outbox", "c-service")))
                .extracting(ConnectorDefinition::name).containsExactly("b-service-outbox", "c-service-outbox");
        assertThatThrownBy(() -> loader.load(dir, Set.of("nope")))
                .isInstanceOf(RelayConfigException.class)
                .hasMessageContaining("[nope]")
                .hasMessageContaining("a-service-outbox, b-service-outbox, c-service-outbox");
    }

    @Test
    void placeholders_of_unselected_connectors_need_not_resolve() throws IOException {
        write("a-service.json", connector("a-service-outbox", "h"));
        write("b-service.json", connector("b-service-outbox", "${env:NOT_SET_ANYWHERE}"));

        assertThat(loader.load(dir, Set.of("a-service-outbox"))).hasSize(1);
        assertThatThrownBy(() -> loader.load(dir, Set.of()))
                .isInstanceOf(RelayConfigException.class)
                .hasMessageContaining("b-service-outbox")
                .hasMessageContaining("NOT_SET_ANYWHERE is not set")
                .hasMessageContaining("b-service.json");
    }

    @Test
    void invalid_files_are_configuration_errors() throws IOException {
        write("x.json", "{\"name\": \"x\", \"config\": {\"connector.class\": \"C\", \"tasks.max\": 1, \"flag\": true}}");
        assertThat(loader.load(dir, Set.of()).get(0).config()).containsEntry("tasks.max", "1").containsEntry("flag", "true");

        write("x.json", "{\"name\": \"x\", \"config\": {\"connector.class\": \"C\", \"nested\": {}}}");
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("config.nested must be a string");

        write("x.json", "{\"config\": {\"connector.class\": \"C\"}}");
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("\"name\"");

        write("x.json", "{\"name\": \"x\", \"config\": {}}");
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("connector.class is missing");

        write("x.json", "{\"name\": \"x\", \"config\": {\"connector.class\": \"C\", \"name\": \"y\"}}");
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("differs from name");

        write("x.json", "{not json");
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("not valid JSON");

        write("x.json", connector("dup", "h"));
        write("y.json", connector("dup", "h"));
        assertThatThrownBy(() -> loader.load(dir, Set.of())).hasMessageContaining("more than one file");
    }

    @Test
    void a_missing_or_empty_directory_is_a_configuration_error() {
        assertThatThrownBy(() -> loader.load(dir.resolve("missing"), Set.of()))
                .isInstanceOf(RelayConfigException.class).hasMessageContaining("RELAY_CONNECT_DIR");
        assertThatThrownBy(() -> loader.load(dir, Set.of()))
                .isInstanceOf(RelayConfigException.class).hasMessageContaining("no *.json");
    }

    @Test
    void the_repository_connector_files_load_and_share_one_shape() {
        List<ConnectorDefinition> connectors = loader.load(TestFiles.deployConnectDir(), Set.of());

        assertThat(connectors).extracting(ConnectorDefinition::name).containsExactlyInAnyOrder(
                "api-gateway-outbox", "lead-service-outbox", "property-sync-service-outbox",
                "workflow-service-outbox", "scoring-service-outbox", "notification-service-outbox");
        for (ConnectorDefinition connector : connectors) {
            String service = connector.fileStem();
            assertThat(connector.name()).isEqualTo(service + "-outbox");
            assertThat(connector.config())
                    .containsEntry("database.dbname", service)
                    .containsEntry("topic.prefix", service)
                    .containsEntry("slot.name", service.replace('-', '_') + "_outbox")
                    .containsEntry("database.hostname", "db")
                    .containsEntry("database.port", "5432");
            Map<String, String> shape = new java.util.TreeMap<>(connector.config());
            Map<String, String> lead = new java.util.TreeMap<>(connectors.stream()
                    .filter(c -> c.name().equals("lead-service-outbox")).findFirst().orElseThrow().config());
            for (String perService : List.of("database.dbname", "topic.prefix", "slot.name")) {
                shape.remove(perService);
                lead.remove(perService);
            }
            assertThat(shape).as(service + " differs from lead-service only in dbname, topic.prefix, slot.name").isEqualTo(lead);
        }
    }

    @Test
    void the_lead_service_file_configures_the_outbox_event_router() {
        Map<String, String> config = loader.load(TestFiles.deployConnectDir(), Set.of("lead-service-outbox")).get(0).config();

        assertThat(config)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("database.user", "postgres")
                .containsEntry("database.password", "postgres")
                .containsEntry("database.dbname", "lead-service")
                .containsEntry("publication.name", "crm_outbox")
                .containsEntry("publication.autocreate.mode", "disabled")
                .containsEntry("table.include.list", "public.outbox_event")
                .containsEntry("snapshot.mode", "when_needed")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("extended.headers.enabled", "false")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter")
                .containsEntry("transforms.outbox.route.by.field", "type")
                .containsEntry("transforms.outbox.route.topic.replacement", "${routedByValue}")
                .containsEntry("transforms.outbox.table.expand.json.payload", "true")
                .containsEntry("transforms.dropIdHeader.type", "org.apache.kafka.connect.transforms.DropHeaders")
                .containsEntry("transforms.dropIdHeader.headers", "id");
        assertThat(config.get("transforms.outbox.table.fields.additional.placement").split(","))
                .containsExactlyInAnyOrder("id:header:ce_id", "type:header:ce_type", "source:header:ce_source",
                        "aggregateid:header:ce_subject", "occurred_at:header:ce_time", "specversion:header:ce_specversion",
                        "content_type:header:content-type", "tenant_id:header:ce_tenant", "traceparent:header:traceparent");
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private static String connector(String name, String host) {
        return """
                {"name": "%s", "config": {
                  "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                  "database.hostname": "%s",
                  "transforms.outbox.route.topic.replacement": "${routedByValue}"}}
                """.formatted(name, host);
    }
}

package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The relay against a real PostgreSQL 17 (zonky, wal_level=logical) and a real KRaft broker, with the repository's
 * {@code lead-service.json} plus a connector whose database does not exist: snapshot of a row written before the
 * slot existed, streaming of a row written after, CloudEvents headers, JSON payload, health, and a clean restart
 * that resumes from the durable offsets without duplicates.
 */
class CdcRelayEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTBOX_DDL = """
            CREATE TABLE outbox_event (
              id            uuid         PRIMARY KEY,
              aggregatetype varchar(255) NOT NULL,
              aggregateid   varchar(255) NOT NULL,
              type          varchar(255) NOT NULL,
              payload       jsonb        NOT NULL,
              source        varchar(255) NOT NULL,
              specversion   varchar(8)   NOT NULL DEFAULT '1.0',
              content_type  varchar(64)  NOT NULL DEFAULT 'application/json',
              occurred_at   timestamptz  NOT NULL,
              tenant_id     varchar(64),
              traceparent   varchar(128)
            );
            CREATE PUBLICATION crm_outbox FOR TABLE outbox_event;
            """;

    @TempDir
    static Path work;

    private static EmbeddedPostgres postgres;
    private static KafkaTestBroker kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .start();
        kafka = KafkaTestBroker.start(work.resolve("kafka"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void relays_outbox_rows_to_kafka_and_resumes_from_durable_offsets() throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"lead-service\"");
        }
        try (Connection lead = leadService(); Statement statement = lead.createStatement()) {
            statement.execute(OUTBOX_DDL);
        }
        String payload = "{\"leadId\": \"L-1\", \"tenantId\": \"t-1\", \"name\": {\"first\": \"Ada\", \"last\": \"Lovelace\"},"
                + " \"tags\": [\"hot\", \"buyer\"], \"score\": 42, \"budget\": 350000.5, \"vip\": true, \"note\": null, \"none\": []}";
        UUID beforeSlot = insert("lead.created", "L-1", payload, "t-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Path connectDir = Files.createDirectories(work.resolve("connect"));
        Files.copy(TestFiles.deployConnectDir().resolve("lead-service.json"), connectDir.resolve("lead-service.json"));
        Files.writeString(connectDir.resolve("ghost-service.json"), Files.readString(connectDir.resolve("lead-service.json"))
                .replace("lead-service", "ghost-service").replace("lead_service", "ghost_service"));
        Map<String, String> env = new HashMap<>(TestFiles.dbEnv("localhost", postgres.getPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("RELAY_CONNECT_DIR", connectDir.toString());
        env.put("RELAY_DATA_DIR", work.resolve("relay-data").toString());
        env.put("RELAY_HTTP_PORT", "0");
        env.put("RELAY_RETRY_INITIAL_MS", "500");
        env.put("RELAY_RETRY_MAX_MS", "1000");

        List<ConsumerRecord<byte[], byte[]>> first;
        try (CdcRelay relay = start(env);
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            await(() -> relay.health().state("lead-service-outbox") == ConnectorState.STREAMING, "lead-service-outbox streaming");
            await(() -> relay.health().state("ghost-service-outbox") == ConnectorState.RETRYING, "ghost-service-outbox retrying");
            HttpResponse<String> health = health(relay);
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("connectors").path("lead-service-outbox").asText()).isEqualTo("STREAMING");
            assertThat(body.path("connectors").path("ghost-service-outbox").asText()).isEqualTo("RETRYING");
            assertThat(body.path("errors").path("ghost-service-outbox").asText()).contains("ghost-service");

            UUID afterSlot = insert("lead.status-changed", "L-1", "{\"leadId\": \"L-1\", \"from\": \"NEW\", \"to\": \"CONTACTED\"}", null, null);

            first = poll(consumer, 2);
            assertThat(first).extracting(ConsumerRecord::topic).containsExactly("lead.created", "lead.status-changed");

            ConsumerRecord<byte[], byte[]> created = first.get(0);
            assertThat(new String(created.key(), StandardCharsets.UTF_8)).isEqualTo("L-1");
            // the Outbox Event Router's JSON expansion drops empty arrays ("none": []); nulls are kept (optional_bytes)
            assertThat(JSON.readTree(created.value())).isEqualTo(JSON.readTree(payload.replace(", \"none\": []", "")));
            Map<String, String> headers = headers(created);
            assertThat(headers).containsOnlyKeys("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion",
                    "content-type", "ce_tenant", "traceparent");
            assertThat(headers)
                    .containsEntry("ce_id", beforeSlot.toString())
                    .containsEntry("ce_type", "lead.created")
                    .containsEntry("ce_source", "/lead-service")
                    .containsEntry("ce_subject", "L-1")
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("content-type", "application/json")
                    .containsEntry("ce_tenant", "t-1")
                    .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(Instant.parse(headers.get("ce_time"))).isEqualTo(Instant.parse("2026-11-25T17:52:00.123456Z"));

            ConsumerRecord<byte[], byte[]> changed = first.get(1);
            assertThat(headers(changed)).containsEntry("ce_id", afterSlot.toString())
                    .containsEntry("ce_type", "lead.status-changed")
                    .doesNotContainKeys("ce_tenant", "traceparent", "id");
            assertThat(JSON.readTree(changed.value()).path("to").asText()).isEqualTo("CONTACTED");
        }

        UUID whileStopped = insert("lead.assigned", "L-2", "{\"leadId\": \"L-2\", \"agentId\": \"A-9\"}", "t-1", null);
        env.put("RELAY_CONNECTORS", "lead-service-outbox");
        try (CdcRelay relay = start(env);
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            await(() -> relay.health().snapshot().up(), "health UP");
            assertThat(health(relay).statusCode()).isEqualTo(200);

            List<ConsumerRecord<byte[], byte[]>> all = poll(consumer, 3);
            // for two seconds nothing more arrives
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() == 3;
            });
            assertThat(all).as("after a clean stop, nothing is sent twice").hasSize(3);
            assertThat(headers(all.get(2))).containsEntry("ce_id", whileStopped.toString()).containsEntry("ce_type", "lead.assigned");
            assertThat(new String(all.get(2).key(), StandardCharsets.UTF_8)).isEqualTo("L-2");
        }
        try (var files = Files.list(work.resolve("relay-data"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("lead-service-outbox.offsets");
        }
    }

    private static CdcRelay start(Map<String, String> environment) throws Exception {
        EnvLookup env = EnvLookup.of(environment);
        RelaySettings settings = RelaySettings.from(env);
        return CdcRelay.start(settings, new ConnectorFileLoader(new PlaceholderResolver(env)).load(settings.connectDir(), settings.connectors()));
    }

    private HttpResponse<String> health(CdcRelay relay) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + relay.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Connection leadService() throws Exception {
        return postgres.getDatabase("postgres", "lead-service").getConnection();
    }

    private static UUID insert(String type, String aggregateId, String payload, String tenant, String traceparent) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection lead = leadService(); PreparedStatement insert = lead.prepareStatement(
                "INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id, traceparent)"
                        + " VALUES (?, 'lead', ?, ?, ?::jsonb, '/lead-service', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, aggregateId);
            insert.setString(3, type);
            insert.setString(4, payload);
            insert.setTimestamp(5, Timestamp.from(Instant.parse("2026-11-25T17:52:00.123456Z")));
            insert.setString(6, tenant);
            insert.setString(7, traceparent);
            insert.executeUpdate();
        }
        return id;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(java.util.regex.Pattern.compile("lead\\..*"));
        return consumer;
    }

    private static List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).as("records on lead.* within 60 s").hasSizeGreaterThanOrEqualTo(count);
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void await(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).until(condition::getAsBoolean);
    }
}

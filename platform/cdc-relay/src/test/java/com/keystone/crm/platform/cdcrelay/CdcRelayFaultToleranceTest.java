package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The relay under Kafka faults, against a real PostgreSQL and a real KRaft broker with auto-creation off (as the
 * local stack and production run it): a broker restart in the middle of a stream, and the relay's topic deleted and
 * re-created under it, both while it is idle (the producer's sequence numbers then no longer match the new topic's)
 * and while it has records to send. Each ends with every event in Kafka (duplicates allowed) and the relay UP.
 */
class CdcRelayFaultToleranceTest {

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
    private static Admin admin;
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
        kafka = KafkaTestBroker.start(work.resolve("kafka"), false);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_broker_restart_in_the_middle_of_a_stream_loses_nothing_and_the_relay_is_healthy_again() throws Exception {
        String service = "restart-service";
        String topic = "restart.happened";
        createTopic(topic);
        try (CdcRelay relay = startRelay(service)) {
            awaitStreaming(relay, service);
            List<UUID> written = new ArrayList<>();
            AtomicInteger writtenCount = new AtomicInteger();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 300; i++) {
                    written.add(insert(service, topic, "A-" + (i % 7)));
                    writtenCount.incrementAndGet();
                    pause(5);
                }
            });
            // the broker goes away while records are being relayed
            await("records relayed before the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> forwarded(relay, service + "-outbox") >= 30);
            kafka.stop();
            int writtenWhileDown = writtenCount.get();
            await("more rows written while Kafka is down").atMost(Duration.ofSeconds(30))
                    .until(() -> writtenCount.get() >= Math.min(300, writtenWhileDown + 50));
            kafka.restart();
            writer.get(60, TimeUnit.SECONDS);

            assertThat(written).hasSize(300);
            awaitDelivered(topic, written);
            awaitHealthy(relay);
        }
    }

    @Test
    void a_topic_deleted_and_re_created_under_the_relay_loses_nothing_and_the_relay_is_healthy_again() throws Exception {
        String service = "recreate-service";
        String topic = "recreate.happened";
        createTopic(topic);
        try (CdcRelay relay = startRelay(service)) {
            awaitStreaming(relay, service);
            awaitDelivered(topic, insertMany(service, topic, 40));

            // 1. deleted and re-created while the relay is idle: its producer still holds sequence numbers for the
            //    old topic's partitions, the new topic's broker state has none
            deleteTopic(topic);
            createTopic(topic);
            awaitDelivered(topic, insertMany(service, topic, 40));
            awaitHealthy(relay);

            // 2. deleted while the relay has records to send: sends fail until the topic is back
            double failuresBefore = sendFailures(relay, service + "-outbox");
            deleteTopic(topic);
            List<UUID> whileMissing = insertMany(service, topic, 40);
            await("a send failed while the topic was missing").atMost(Duration.ofSeconds(30))
                    .until(() -> sendFailures(relay, service + "-outbox") > failuresBefore);
            createTopic(topic);
            List<UUID> after = insertMany(service, topic, 40);

            List<UUID> expected = new ArrayList<>(whileMissing);
            expected.addAll(after);
            awaitDelivered(topic, expected);
            awaitHealthy(relay);
            // the failed batch (records expired, or no metadata in time) replaced the producer rather than retrying through it
            assertThat(sum(relay.metrics().scrape(), "relay_producer_recreations_total{connector=\"" + service + "-outbox\""))
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    private CdcRelay startRelay(String service) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + service + "\"");
        }
        try (Connection db = postgres.getDatabase("postgres", service).getConnection(); Statement statement = db.createStatement()) {
            statement.execute(OUTBOX_DDL);
        }
        Path connectDir = Files.createDirectories(work.resolve("connect-" + service));
        Files.writeString(connectDir.resolve(service + ".json"), Files.readString(TestFiles.deployConnectDir().resolve("lead-service.json"))
                .replace("lead-service", service).replace("lead_service", service.replace('-', '_')));
        Map<String, String> env = new HashMap<>(TestFiles.dbEnv("localhost", postgres.getPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("RELAY_CONNECT_DIR", connectDir.toString());
        env.put("RELAY_DATA_DIR", work.resolve("relay-data-" + service).toString());
        env.put("RELAY_HTTP_PORT", "0");
        env.put("RELAY_RETRY_INITIAL_MS", "200");
        env.put("RELAY_RETRY_MAX_MS", "1000");
        // fail a batch within seconds, not Kafka's two minutes, so the test stays short
        env.put("RELAY_PRODUCER_DELIVERY_TIMEOUT_MS", "8000");
        env.put("RELAY_PRODUCER_MAX_BLOCK_MS", "3000");
        EnvLookup lookup = EnvLookup.of(env);
        RelaySettings settings = RelaySettings.from(lookup);
        return CdcRelay.start(settings, new ConnectorFileLoader(new PlaceholderResolver(lookup)).load(settings.connectDir(), settings.connectors()));
    }

    private static void awaitStreaming(CdcRelay relay, String service) {
        await(service + " streaming").atMost(Duration.ofSeconds(60))
                .until(() -> relay.health().state(service + "-outbox") == ConnectorState.STREAMING);
    }

    private void awaitHealthy(CdcRelay relay) {
        await("relay UP").atMost(Duration.ofSeconds(60)).until(() -> relay.health().snapshot().up());
        HttpResponse<String> health;
        try {
            health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + relay.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        await("topic " + topic + " has leaders").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            }
            catch (Exception e) {
                return false;
            }
        });
    }

    private static void deleteTopic(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        await("topic " + topic + " gone").atMost(Duration.ofSeconds(30))
                .until(() -> !admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic));
    }

    /** Every event id appears on the topic (a fresh consumer group from the beginning); duplicates are fine. */
    private static void awaitDelivered(String topic, Collection<UUID> expected) {
        Set<String> wanted = new HashSet<>();
        expected.forEach(id -> wanted.add(id.toString()));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await("all " + wanted.size() + " events on " + topic).atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        seen.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
                return seen.containsAll(wanted);
            });
        }
    }

    private static List<UUID> insertMany(String service, String type, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(insert(service, type, "K-" + (i % 5)));
        }
        return ids;
    }

    private static UUID insert(String service, String type, String aggregateId) {
        UUID id = UUID.randomUUID();
        try (Connection db = postgres.getDatabase("postgres", service).getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id)"
                        + " VALUES (?, 'fault', ?, ?, ?::jsonb, ?, ?, 't-1')")) {
            insert.setObject(1, id);
            insert.setString(2, aggregateId);
            insert.setString(3, type);
            insert.setString(4, "{\"id\": \"" + id + "\"}");
            insert.setString(5, "/" + service);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static double forwarded(CdcRelay relay, String connector) {
        return sum(relay.metrics().scrape(), "relay_records_forwarded_total{connector=\"" + connector + "\"");
    }

    private static double sendFailures(CdcRelay relay, String connector) {
        return sum(relay.metrics().scrape(), "relay_send_failures_total{connector=\"" + connector + "\"");
    }

    /** Sum of the series whose line starts with the prefix (name and first label). */
    private static double sum(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // pacing the writer, not an assertion
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

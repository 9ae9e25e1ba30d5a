package com.keystone.crm.platform.chassis.observability;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.EventTypes;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * What the chassis gives every service: the caller's trace goes into the outbox row and on through a consumer's
 * span and its database work; Prometheus metrics for HTTP, Kafka consumers and dead letters; readiness that
 * checks PostgreSQL and Kafka, liveness that does not.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class ObservabilityTest {
    static final String TENANT = "observed-realty";
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    InMemorySpanExporter spans;
    @Inject
    OutboxWriter outbox;
    @Inject
    Tracer tracer;

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    static LeadScored scored(String leadId, Instant at) {
        return LeadScored.builder().withLeadId(UUID.fromString(leadId)).withTenantId(TENANT).withVersion(1L)
                .withOccurredAt(at).withScore(new BigDecimal("42")).withTier(ScoreTier.WARM).withModelVersion("gbt-1")
                .build();
    }

    static void send(String topic, String key, String value, Map<String, String> headers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CrmTestEnvironment.get().kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    static Map<String, String> cloudEvent(UUID id, String traceparent) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id.toString());
        h.put("ce_source", "/scoring-service");
        h.put("ce_type", "lead.scored");
        h.put("ce_time", Instant.now().toString());
        h.put("content-type", "application/json");
        h.put("traceparent", traceparent);
        return h;
    }

    /** Creates a widget and its lead.scored outbox row, the request carrying the caller's traceparent. */
    static void createWidget(UUID eventId, String traceparent) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("eventId", eventId);
        body.put("name", "traced-" + id);
        body.put("score", 55.5);
        body.put("tier", "hot");
        body.put("failAfterAppend", false);
        given().auth().oauth2(TestTokens.token(TENANT, "agent-otto", null, "agent"))
                .header("traceparent", traceparent)
                .contentType(ContentType.JSON).body(body).post("/test/widgets").then().statusCode(201);
    }

    @Test
    void theOutboxRowCarriesTheTraceOfTheRequestThatWroteIt() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        UUID eventId = UUID.randomUUID();
        createWidget(eventId, "00-" + traceId + "-" + callerSpan + "-01");

        String traceparent = (String) ChassisDatabase.row("SELECT traceparent FROM outbox_event WHERE id = ?", eventId)
                .orElseThrow().get("traceparent");
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .as("the service's own span, not the caller's").doesNotContain(callerSpan);
        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> trace = spansOf(traceId);
            SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
            assertThat(trace).as("the row's span is one of the request's spans")
                    .anySatisfy(s -> assertThat(traceparent).contains(s.getSpanId()));
            assertThat(trace).as("the database work is traced (Vert.x SQL client)")
                    .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT));
        });
    }

    @Test
    void appendAllWritesTheCurrentTraceparentIntoEveryRow() throws Throwable {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String lead = UUID.randomUUID().toString();
        List<OutboxEvent> events = List.of(
                new OutboxEvent(UUID.randomUUID(), EventTypes.LEAD_SCORED, "lead", lead, TENANT, at, scored(lead, at)),
                new OutboxEvent(UUID.randomUUID(), EventTypes.LEAD_SCORED, "lead", lead, TENANT, at, scored(lead, at)));
        Span batch = tracer.spanBuilder("batch").startSpan();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            try (Scope ignored = batch.makeCurrent()) {
                return outbox.appendAll(events);
            }
        }));
        batch.end();
        for (OutboxEvent e : events) {
            assertThat(ChassisDatabase.row("SELECT traceparent FROM outbox_event WHERE id = ?", e.id()).orElseThrow())
                    .containsEntry("traceparent", "00-" + batch.getSpanContext().getTraceId() + "-"
                            + batch.getSpanContext().getSpanId() + "-01");
        }
    }

    @Test
    void theConsumerContinuesTheTraceOfTheRecordItApplies() {
        String traceId = hex(16);
        String producerSpan = hex(8);
        String lead = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        send("lead.scored", lead, "{\"leadId\":\"" + lead + "\",\"tenantId\":\"" + TENANT + "\",\"version\":1,\"occurredAt\":\""
                + Instant.now() + "\",\"score\":42,\"tier\":\"warm\",\"modelVersion\":\"gbt-1\"}",
                cloudEvent(eventId, "00-" + traceId + "-" + producerSpan + "-01"));

        await().atMost(WAIT).until(() -> ChassisDatabase.count("SELECT count(*) FROM applied_score WHERE event_id = ?", eventId) == 1);
        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> trace = spansOf(traceId);
            SpanData consumer = trace.stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
            assertThat(consumer.getParentSpanId()).isEqualTo(producerSpan);
            assertThat(trace).as("the effect's database work (inbox row, applied_score) is in the same trace")
                    .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT));
        });
    }

    @Test
    void metricsShowHttpHistogramsKafkaLagAndDeadLetters() {
        // a dead letter: a record breaking the contract
        String lead = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        send("lead.scored", lead, "{\"leadId\":\"" + lead + "\"}", cloudEvent(eventId, "00-" + hex(16) + "-" + hex(8) + "-01"));
        CapturedEvent dead = KafkaEvents.awaitEvent("chassis-test.dlq", e -> eventId.toString().equals(e.header("ce_id")), WAIT);
        assertThat(dead.header("dead-letter-topic")).isEqualTo("lead.scored");
        createWidget(UUID.randomUUID(), "00-" + hex(16) + "-" + hex(8) + "-01");

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/test/widgets\"")
                    .as("consumer lag per topic and partition")
                    .containsPattern("kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"0\",topic=\"lead.scored\"")
                    .containsPattern("crm_dlq_records_total\\{dlq=\"chassis-test.dlq\",topic=\"lead.scored\"} [1-9]");
        });
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metricsUrl;
    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL readyUrl;
    @io.quarkus.test.common.http.TestHTTPResource(value = "health/live", management = true)
    java.net.URL liveUrl;

    /** Issue #17: metrics and health live on the management interface, not on the public port. */
    @Test
    void metricsAndHealthAreNotOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get(metricsUrl).then().statusCode(200);
    }

    @Test
    void readinessChecksTheDatabaseAndKafkaLivenessDoesNot() {
        String ready = given().get(readyUrl).then().statusCode(200).extract().asString();
        assertThat(ready).contains("\"status\": \"UP\"").containsIgnoringCase("PostgreSQL").containsIgnoringCase("Kafka");
        given().get(liveUrl).then().statusCode(200)
                .body(not(containsString("PostgreSQL")))
                .body(not(containsString("Database")))
                .body(not(containsString("Kafka connection")));
    }
}

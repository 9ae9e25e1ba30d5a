package com.keystone.crm.platform.chassis.inbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.testapp.ScoreConsumer;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

/**
 * The inbox through a real consumer of lead.scored on the real broker: applied once per event id, transient
 * failures retried, broken events dead-lettered on chassis-test.dlq with the reason.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class InboxKafkaTest {
    static final String TOPIC = "lead.scored";
    static final String DLQ = "chassis-test.dlq";
    static final String TENANT = "inbox-realty";
    static final Duration WAIT = Duration.ofSeconds(60);

    static LeadScored scored(String leadId, double score, String modelVersion) {
        return LeadScored.builder()
                .withLeadId(UUID.fromString(leadId))
                .withTenantId(TENANT)
                .withVersion(1L)
                .withOccurredAt(Instant.now())
                .withScore(BigDecimal.valueOf(score))
                .withTier(ScoreTier.WARM)
                .withModelVersion(modelVersion)
                .build();
    }

    static void publish(String leadId, UUID eventId, LeadScored payload) {
        KafkaEvents.publish(leadId, eventId, "/scoring-service", payload);
    }

    static long applied(UUID eventId) {
        return ChassisDatabase.count("SELECT count(*) FROM applied_score WHERE event_id = ?", eventId);
    }

    static long consumed(UUID eventId) {
        return ChassisDatabase.count("SELECT count(*) FROM consumed_event WHERE event_id = ? AND handler = ?",
                eventId, ScoreConsumer.HANDLER);
    }

    static int attempts(UUID eventId) {
        AtomicInteger n = ScoreConsumer.ATTEMPTS.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** A record as a foreign or broken producer would write it: any headers, any value. */
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

    static Map<String, String> headers(UUID id, String type) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        if (id != null) {
            h.put("ce_id", id.toString());
        }
        h.put("ce_source", "/scoring-service");
        h.put("ce_type", type);
        h.put("ce_time", Instant.now().toString());
        h.put("content-type", "application/json");
        return h;
    }

    static String json(LeadScored payload) {
        return EventJson.toJson(payload).toString();
    }

    @Test
    void theInboxRecordsAnEventOncePerHandler() {
        UUID eventId = UUID.randomUUID();
        String token = TestTokens.token(TENANT, "agent-ina", null, "agent");
        given().auth().oauth2(token).post("/test/widgets/inbox/" + eventId).then().statusCode(200)
                .body("$", contains(true, false));
        given().auth().oauth2(token).post("/test/widgets/inbox/" + eventId).then().statusCode(200)
                .body("$", contains(false, false));
        assertThat(ChassisDatabase.row("SELECT handler, event_type, source, consumed_at FROM consumed_event WHERE event_id = ?", eventId)
                .orElseThrow())
                .containsEntry("handler", "chassis-test-inbox")
                .containsEntry("event_type", "lead.scored")
                .containsEntry("source", "/scoring-service")
                .extractingByKey("consumed_at").isNotNull();
    }

    @Test
    void theSameEventPublishedTwiceIsAppliedOnce() {
        String leadId = UUID.randomUUID().toString();
        UUID twice = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        publish(leadId, twice, scored(leadId, 61, "gbt-1"));
        publish(leadId, twice, scored(leadId, 61, "gbt-1"));
        // same key, same partition, behind the duplicate: once it is applied, the duplicate was handled
        publish(leadId, after, scored(leadId, 70, "gbt-1"));

        await().atMost(WAIT).until(() -> applied(after) == 1);
        assertThat(applied(twice)).isEqualTo(1);
        assertThat(consumed(twice)).isEqualTo(1);
        assertThat(attempts(twice)).as("the redelivery never reached the effect").isEqualTo(1);
        assertThat(ChassisDatabase.row("SELECT lead_id, tenant_id, score FROM applied_score WHERE event_id = ?", twice).orElseThrow())
                .containsEntry("lead_id", leadId)
                .containsEntry("tenant_id", TENANT);
    }

    @Test
    void aTransientFailureIsRetriedAndAppliedOnce() {
        String leadId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        publish(leadId, eventId, scored(leadId, 33, ScoreConsumer.FLAKY));

        await().atMost(WAIT).until(() -> applied(eventId) == 1);
        assertThat(attempts(eventId)).isEqualTo(2);
        assertThat(consumed(eventId)).as("the failed attempt's inbox row was rolled back with it").isEqualTo(1);
    }

    @Test
    void aFailureThatOutlastsTheRetriesIsDeadLettered() {
        String leadId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        publish(leadId, eventId, scored(leadId, 12, ScoreConsumer.ALWAYS_FAILS));

        CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> eventId.toString().equals(e.header("ce_id")), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("simulated transient failure");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(dead.key()).isEqualTo(leadId);
        assertThat(attempts(eventId)).as("first attempt + crm.consumer.max-retries").isEqualTo(4);
        assertThat(consumed(eventId)).isZero();
        assertThat(applied(eventId)).isZero();
    }

    @Test
    void aPayloadBreakingTheContractIsDeadLetteredAtOnce() {
        String leadId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        // a scoring-service breaking the contract: spoil a valid payload's JSON
        ObjectNode broken = (ObjectNode) EventJson.toJson(scored(leadId, 25, "gbt-1"));
        broken.put("score", 250).remove("tenantId");
        KafkaEvents.publish(TOPIC, leadId, eventId, "/scoring-service", TENANT, broken);

        CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> eventId.toString().equals(e.header("ce_id")), WAIT);
        assertThat(dead.header("dead-letter-reason")).isNotBlank().contains("lead.scored");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(dead.value().get("score").asInt()).as("the original value is kept").isEqualTo(250);
        assertThat(attempts(eventId)).as("never retried, never applied").isZero();
        assertThat(consumed(eventId)).isZero();
    }

    @Test
    void aRecordWithoutCeIdIsDeadLettered() {
        String leadId = UUID.randomUUID().toString();
        send(TOPIC, leadId, json(scored(leadId, 50, "gbt-1")), headers(null, TOPIC));

        CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> leadId.equals(e.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("ce_id");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM applied_score WHERE lead_id = ?", leadId)).isZero();
    }

    @Test
    void aRecordOfAnotherTypeOrNotJsonIsDeadLettered() {
        String leadId = UUID.randomUUID().toString();
        UUID wrongType = UUID.randomUUID();
        UUID notJson = UUID.randomUUID();
        send(TOPIC, leadId, json(scored(leadId, 50, "gbt-1")), headers(wrongType, "lead.created"));
        send(TOPIC, leadId, "<score>50</score>", headers(notJson, TOPIC));

        for (UUID id : List.of(wrongType, notJson)) {
            CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> id.toString().equals(e.header("ce_id")), WAIT);
            assertThat(dead.header("dead-letter-reason")).isNotBlank();
            assertThat(consumed(id)).isZero();
        }
    }
}

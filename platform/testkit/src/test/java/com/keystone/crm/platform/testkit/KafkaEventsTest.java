package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaEventsTest {
    static final String SOURCE = "/testkit-test";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void environment() {
        assertThat(CrmTestEnvironment.get().kafka().bootstrapServers()).matches("[^:/]+:\\d+");
    }

    @Test
    void publishedEventIsFoundWithItsCloudEventsHeaders() {
        String topic = freshTopic();
        String key = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();

        KafkaEvents.publish(topic, key, eventId, SOURCE, "tenant-acme", Map.of("leadId", key, "score", 87));

        CapturedEvent event = KafkaEvents.awaitEvent(topic, e -> key.equals(e.key()));
        KafkaEvents.assertCloudEvent(event, topic, SOURCE);
        assertThat(event.topic()).isEqualTo(topic);
        assertThat(event.offset()).isZero();
        assertThat(event.header("ce_id")).isEqualTo(eventId.toString());
        assertThat(event.header("ce_type")).isEqualTo(topic);
        assertThat(event.header("ce_subject")).isEqualTo(key);
        assertThat(event.header("ce_tenant")).isEqualTo("tenant-acme");
        assertThat(event.headers()).containsKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
                "content-type", "ce_tenant");
        assertThat(event.value().isObject()).isTrue();
        assertThat(event.value().get("leadId").asText()).isEqualTo(key);
        assertThat(event.value().get("score").asInt()).isEqualTo(87);
    }

    @Test
    void aTypedPayloadIsPublishedAsItsEventTypeForItsTenant() {
        UUID leadId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        LeadScored scored = LeadScored.builder().withLeadId(leadId).withTenantId("tenant-typed").withVersion(2L)
                .withOccurredAt(Instant.parse("2025-03-03T15:10:05.123456Z")).withScore(new BigDecimal("87.5"))
                .withTier(ScoreTier.HOT).withModelVersion("gbt-1").build();

        KafkaEvents.publish(leadId.toString(), eventId, SOURCE, scored);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.scored", e -> leadId.toString().equals(e.key()));
        KafkaEvents.assertCloudEvent(event, "lead.scored", SOURCE);
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.header("ce_id")).isEqualTo(eventId.toString());
        assertThat(event.header("ce_tenant")).isEqualTo("tenant-typed");
        assertThat(event.value().get("occurredAt").asText()).isEqualTo("2025-03-03T15:10:05.123456Z");
        assertThat(event.value().get("tier").asText()).isEqualTo("hot");
    }

    @Test
    void assertCloudEventRejectsAnotherSourceOrType() {
        String topic = freshTopic();
        String key = UUID.randomUUID().toString();
        KafkaEvents.publish(topic, key, UUID.randomUUID(), SOURCE, null, Map.of("k", "v"));
        CapturedEvent event = KafkaEvents.awaitEvent(topic, e -> key.equals(e.key()));

        assertThatCode(() -> KafkaEvents.assertCloudEvent(event, topic, SOURCE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> KafkaEvents.assertCloudEvent(event, topic, "/another-service"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ce_source");
        assertThatThrownBy(() -> KafkaEvents.assertCloudEvent(event, "lead.updated", SOURCE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ce_type");
    }

    @Test
    void nullTenantPublishesNoTenantHeaderAndAStringPayloadIsSentAsIs() {
        String topic = freshTopic();
        String key = "k-" + UUID.randomUUID();
        KafkaEvents.publish(topic, key, UUID.randomUUID(), SOURCE, null, "{\"raw\":true}");

        CapturedEvent event = KafkaEvents.awaitEvent(topic, e -> key.equals(e.key()));
        assertThat(event.headers()).doesNotContainKey("ce_tenant");
        assertThat(event.value().get("raw").asBoolean()).isTrue();
    }

    @Test
    void readAllReturnsEveryRecordOnTheTopic() {
        String topic = freshTopic();
        List<String> keys = List.of("a-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "c-" + UUID.randomUUID());
        for (String key : keys) {
            KafkaEvents.publish(topic, key, UUID.randomUUID(), SOURCE, "tenant-acme", Map.of("id", key));
        }

        List<CapturedEvent> all = KafkaEvents.readAll(topic);
        assertThat(all).extracting(CapturedEvent::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(all).allSatisfy(e -> {
            KafkaEvents.assertCloudEvent(e, topic, SOURCE);
            assertThat(e.value().get("id").asText()).isEqualTo(e.key());
        });
    }

    @Test
    void readAllOfATopicThatDoesNotExistIsEmpty() {
        assertThat(KafkaEvents.readAll(freshTopic())).isEmpty();
    }

    @Test
    void awaitEventFailsWithAnAssertionErrorWhenNothingMatches() {
        String topic = freshTopic();
        KafkaEvents.publish(topic, "only", UUID.randomUUID(), SOURCE, null, Map.of());

        assertThatThrownBy(() -> KafkaEvents.awaitEvent(topic, e -> false, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("PT2S");
    }

    @Test
    void awaitEventOnATopicThatNeverAppearsTimesOut() {
        String topic = freshTopic();
        assertThatThrownBy(() -> KafkaEvents.awaitEvent(topic, e -> true, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(topic);
    }

    @Test
    void schemaValidPayloadPassesAndAnInvalidOneFails() throws Exception {
        String leadId = UUID.randomUUID().toString();
        ObjectNode payload = LeadServiceOutbox.leadCreatedPayload(leadId, "tenant-acme");
        KafkaEvents.publish("lead.created", leadId, UUID.randomUUID(), SOURCE, "tenant-acme", payload);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.created", e -> leadId.equals(e.key()));
        KafkaEvents.assertSchemaValid(event);

        ObjectNode broken = payload.deepCopy();
        broken.remove("leadId");
        broken.put("status", "no-such-status");
        CapturedEvent invalid = new CapturedEvent("lead.created", 0, 0, leadId, broken, Map.of(), Instant.EPOCH);
        assertThatThrownBy(() -> KafkaEvents.assertSchemaValid(invalid)).isInstanceOf(InvalidEventException.class);

        CapturedEvent unknownType = new CapturedEvent("no.such-event", 0, 0, leadId, JSON.readTree("{}"), Map.of(), Instant.EPOCH);
        assertThatThrownBy(() -> KafkaEvents.assertSchemaValid(unknownType)).isInstanceOf(InvalidEventException.class);
    }

    private static String freshTopic() {
        return "testkit.events-" + UUID.randomUUID();
    }
}

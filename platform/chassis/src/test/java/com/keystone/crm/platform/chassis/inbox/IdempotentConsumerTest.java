package com.keystone.crm.platform.chassis.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.cloudevents.CloudEventAttributes;
import com.keystone.crm.platform.chassis.cloudevents.CloudEventHeaders;
import com.keystone.crm.platform.chassis.cloudevents.MalformedCloudEventException;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the consumer refuses before any transaction, and which failures it retries. */
class IdempotentConsumerTest {
    static final String VALID = """
            {"leadId":"3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f","tenantId":"acme","version":2,
             "occurredAt":"2025-03-03T15:10:05Z","score":87.5,"tier":"hot","modelVersion":"gbt-1"}""";

    final IdempotentConsumer consumer = new IdempotentConsumer(new Inbox(), new ObjectMapper(), 3, Duration.ofMillis(10));

    static ConsumerRecord<String, String> record(String topic, String ceType, String value) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(new CloudEventAttributes(UUID.randomUUID(), ceType, "/scoring-service",
                "3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f", Instant.now(), "acme", null), headers);
        return new ConsumerRecord<>(topic, 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, "3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f", value,
                headers, Optional.empty());
    }

    @Test
    void transientFailuresAreRetried() {
        assertThat(IdempotentConsumer.isTransient(new IllegalStateException("pool exhausted"))).isTrue();
        assertThat(IdempotentConsumer.isTransient(new SQLTransientConnectionException("connection reset"))).isTrue();
        assertThat(IdempotentConsumer.isTransient(new TimeoutException())).isTrue();
        assertThat(IdempotentConsumer.isTransient(new IOException("broken pipe"))).isTrue();
        assertThat(IdempotentConsumer.isTransient(new RuntimeException("deadlock detected"))).isTrue();
    }

    @Test
    void brokenEventsAreNotRetried() {
        assertThat(IdempotentConsumer.isTransient(new MalformedCloudEventException("no ce_id"))).isFalse();
        assertThat(IdempotentConsumer.isTransient(new InvalidEventException("lead.scored", List.of("$.score: too big")))).isFalse();
        assertThat(IdempotentConsumer.isTransient(new IllegalArgumentException("bad"))).isFalse();
        assertThat(IdempotentConsumer.isTransient(new NumberFormatException("x"))).as("an IllegalArgumentException").isFalse();
    }

    @Test
    void parseGivesAttributesKeyAndPayload() {
        IncomingEvent<LeadScored> e = consumer.parse(record("lead.scored", "lead.scored", VALID), LeadScored.class);
        assertThat(e.type()).isEqualTo("lead.scored");
        assertThat(e.key()).isEqualTo("3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f");
        assertThat(e.attributes().source()).isEqualTo("/scoring-service");
        assertThat(e.attributes().tenant()).isEqualTo("acme");
        assertThat(e.payload().getScore()).isEqualByComparingTo("87.5");
        assertThat(e.payload().getTier()).isEqualTo(ScoreTier.HOT);
        assertThat(e.payload().getLeadId()).isEqualTo(UUID.fromString("3f6c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f"));
        assertThat(e.payload().getOccurredAt()).isEqualTo(Instant.parse("2025-03-03T15:10:05Z"));
    }

    @Test
    void parseRefusesACeTypeThatIsNotTheTopic() {
        assertThatThrownBy(() -> consumer.parse(record("lead.scored", "lead.created", VALID), LeadScored.class))
                .isInstanceOf(MalformedCloudEventException.class).hasMessageContaining("does not match topic");
    }

    @Test
    void parseRefusesAValueThatIsNotJson() {
        assertThatThrownBy(() -> consumer.parse(record("lead.scored", "lead.scored", "{\"score\": "), LeadScored.class))
                .isInstanceOf(MalformedCloudEventException.class).hasMessageContaining("not JSON");
    }

    @Test
    void parseRefusesAValueThatIsNotAnObject() {
        for (String value : new String[]{null, "[]", "42", "\"text\"", "null"}) {
            assertThatThrownBy(() -> consumer.parse(record("lead.scored", "lead.scored", value), LeadScored.class))
                    .as(String.valueOf(value))
                    .isInstanceOf(MalformedCloudEventException.class).hasMessageContaining("not a JSON object");
        }
    }

    @Test
    void parseRefusesAPayloadThatBreaksTheContract() {
        assertThatThrownBy(() -> consumer.parse(record("lead.scored", "lead.scored", VALID.replace("87.5", "250")), LeadScored.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("score");
    }

    @Test
    void parseRefusesAnEventTypeWithoutAContract() {
        assertThatThrownBy(() -> consumer.parse(record("widget.made", "widget.made", VALID), LeadScored.class))
                .isInstanceOf(MalformedCloudEventException.class).hasMessageContaining("cannot be read as LeadScored");
    }

    @Test
    void parseRefusesAnEventOfAnotherTypeThanThePayloadTypeAsked() {
        assertThatThrownBy(() -> consumer.parse(record("lead.scored", "lead.scored", VALID), LeadCreated.class))
                .isInstanceOf(MalformedCloudEventException.class)
                .hasMessageContaining("'lead.scored' event cannot be read as LeadCreated");
        assertThat(IdempotentConsumer.isTransient(new MalformedCloudEventException("x"))).isFalse();
    }

    @Test
    void handleFailsAtOnceWithoutCallingTheEffect() {
        AtomicBoolean called = new AtomicBoolean();
        Uni<Void> result = consumer.handle(record("lead.scored", "lead.scored", "not json"), "h", LeadScored.class, e -> {
            called.set(true);
            return Uni.createFrom().voidItem();
        });
        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(MalformedCloudEventException.class);
        assertThat(called).isFalse();
    }

    @Test
    void handleRefusesARecordWithoutCloudEventHeaders() {
        ConsumerRecord<String, String> bare = new ConsumerRecord<>("lead.scored", 0, 0L, "k", VALID);
        assertThatThrownBy(() -> consumer.handle(bare, "h", LeadScored.class, e -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(MalformedCloudEventException.class).hasMessageContaining("ce_specversion");
    }
}

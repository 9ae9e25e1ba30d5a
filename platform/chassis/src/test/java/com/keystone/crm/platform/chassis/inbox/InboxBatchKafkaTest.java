package com.keystone.crm.platform.chassis.inbox;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.testapp.StatusBatchConsumer;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox of a batch consumer ({@code batch=true}, {@link IdempotentConsumer#handleBatch}) on the real broker:
 * records written together arrive as one poll; each event is applied once (also a copy within the same batch or a
 * later redelivery), a broken record is dead-lettered alone, and an event that cannot be applied is dead-lettered
 * without holding back the others of its batch.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class InboxBatchKafkaTest {
    static final String TOPIC = "lead.status-changed";
    static final String DLQ = "chassis-test.dlq";
    static final String TENANT = "batch-realty";
    static final Duration WAIT = Duration.ofSeconds(60);

    record Rec(UUID eventId, String value, boolean withCeId) {
    }

    static Rec event(UUID leadId, UUID eventId, LeadStatus to, String changedBy) {
        LeadStatusChanged payload = LeadStatusChanged.builder()
                .withLeadId(leadId).withTenantId(TENANT).withVersion(2L).withOccurredAt(Instant.now())
                .withFromStatus(LeadStatus.NEW).withToStatus(to).withChangedBy(changedBy).build();
        return new Rec(eventId, EventJson.toJson(payload).toString(), true);
    }

    /** Writes the records with one producer in one request (one linger), all keyed by the lead: one partition, one poll. */
    static void sendTogether(UUID leadId, List<Rec> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CrmTestEnvironment.get().kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "200");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Rec rec : records) {
                ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, leadId.toString(), rec.value());
                header(r, "ce_specversion", "1.0");
                if (rec.withCeId()) {
                    header(r, "ce_id", rec.eventId().toString());
                }
                header(r, "ce_source", "/lead-service");
                header(r, "ce_type", TOPIC);
                header(r, "ce_time", Instant.now().toString());
                header(r, "ce_tenant", TENANT);
                header(r, "content-type", "application/json");
                producer.send(r);
            }
            producer.flush();
        }
    }

    static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static long applied(UUID eventId) {
        return ChassisDatabase.count("SELECT count(*) FROM applied_status WHERE event_id = ?", eventId);
    }

    static long consumed(UUID eventId) {
        return ChassisDatabase.count("SELECT count(*) FROM consumed_event WHERE event_id = ? AND handler = ?",
                eventId, StatusBatchConsumer.HANDLER);
    }

    static int attempts(UUID eventId) {
        AtomicInteger n = StatusBatchConsumer.ATTEMPTS.get(eventId);
        return n == null ? 0 : n.get();
    }

    @Test
    void aBatchIsAppliedOnceEachAndABrokenRecordIsDeadLetteredAlone() {
        UUID lead = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        int before = StatusBatchConsumer.BATCH_SIZES.size();
        List<Rec> records = new ArrayList<>();
        records.add(event(lead, first, LeadStatus.CONTACTED, "agent-1"));
        records.add(event(lead, second, LeadStatus.ATTEMPTED_CONTACT, "agent-1"));
        records.add(event(lead, first, LeadStatus.CONTACTED, "agent-1")); // the same event again, in the same batch
        records.add(new Rec(null, event(lead, UUID.randomUUID(), LeadStatus.LOST, "agent-1").value(), false)); // no ce_id
        records.add(event(lead, last, LeadStatus.APPOINTMENT_SET, "agent-1"));
        sendTogether(lead, records);

        await().atMost(WAIT).until(() -> applied(last) == 1);
        assertThat(List.of(applied(first), applied(second), applied(last))).containsOnly(1L);
        assertThat(List.of(consumed(first), consumed(second), consumed(last))).containsOnly(1L);
        assertThat(attempts(first)).as("the copy never reached the effect").isEqualTo(1);
        assertThat(StatusBatchConsumer.BATCH_SIZES.subList(before, StatusBatchConsumer.BATCH_SIZES.size()))
                .as("records written together arrive together").anyMatch(size -> size >= 2);
        CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> lead.toString().equals(e.key()) && e.header("ce_id") == null, WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("ce_id");
        assertThat(dead.header("dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM applied_status WHERE lead_id = ?", lead)).isEqualTo(3);
    }

    @Test
    void aRedeliveredEventIsSkippedInALaterBatch() {
        UUID lead = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        sendTogether(lead, List.of(event(lead, once, LeadStatus.CONTACTED, "agent-2")));
        await().atMost(WAIT).until(() -> applied(once) == 1);

        UUID after = UUID.randomUUID();
        sendTogether(lead, List.of(event(lead, once, LeadStatus.CONTACTED, "agent-2"), event(lead, after, LeadStatus.ATTEMPTED_CONTACT, "agent-2")));
        await().atMost(WAIT).until(() -> applied(after) == 1);
        assertThat(applied(once)).isEqualTo(1);
        assertThat(attempts(once)).isEqualTo(1);
    }

    @Test
    void anEventThatCannotBeAppliedIsDeadLetteredWithoutHoldingBackItsBatch() {
        UUID lead = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        UUID alsoGood = UUID.randomUUID();
        sendTogether(lead, List.of(event(lead, good, LeadStatus.CONTACTED, "agent-3"),
                event(lead, bad, LeadStatus.ATTEMPTED_CONTACT, StatusBatchConsumer.ALWAYS_FAILS),
                event(lead, alsoGood, LeadStatus.LOST, "agent-3")));

        CapturedEvent dead = KafkaEvents.awaitEvent(DLQ, e -> bad.toString().equals(e.header("ce_id")), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("simulated transient failure");
        await().atMost(WAIT).until(() -> applied(alsoGood) == 1);
        assertThat(applied(good)).as("applied once, though its batch was tried and rolled back").isEqualTo(1);
        assertThat(consumed(bad)).isZero();
        assertThat(applied(bad)).isZero();
    }
}

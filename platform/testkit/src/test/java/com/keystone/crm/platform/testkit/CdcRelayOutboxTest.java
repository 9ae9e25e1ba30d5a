package com.keystone.crm.platform.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox path without Quarkus: an outbox row in the lead-service database → the relay process (Debezium,
 * deploy/connect/lead-service.json) → a CloudEvents record on lead.created; and the relay's durability across kill -9.
 */
class CdcRelayOutboxTest {
    static final String TENANT = "tenant-relay";
    static final Duration STREAMING = Duration.ofSeconds(90);
    static CdcRelayProcess relay;

    @BeforeAll
    static void relay() {
        LeadServiceOutbox.prepare();
        relay = CrmTestEnvironment.get().relayFor(LeadServiceOutbox.SERVICE);
        relay.awaitStreaming(STREAMING);
    }

    @Test
    void outboxRowArrivesAsACloudEvent() {
        relay.awaitStreaming(STREAMING);
        assertThat(relay.healthStatus()).isEqualTo(200);
        String leadId = UUID.randomUUID().toString();

        UUID rowId = LeadServiceOutbox.insertLeadCreated(leadId, TENANT);

        CapturedEvent event = KafkaEvents.awaitEvent("lead.created", e -> leadId.equals(e.key()));
        KafkaEvents.assertCloudEvent(event, "lead.created", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.header("ce_id")).isEqualTo(rowId.toString());
        assertThat(event.header("ce_tenant")).isEqualTo(TENANT);
        assertThat(event.headers()).as("the router's id header is dropped").doesNotContainKey("id");
        assertThat(event.value().isObject()).as("payload is a JSON object, not an escaped string").isTrue();
        assertThat(event.value().get("leadId").asText()).isEqualTo(leadId);
        assertThat(event.value().get("tenantId").asText()).isEqualTo(TENANT);
    }

    @Test
    void rowWrittenWhileTheRelayIsKilledArrivesAfterARestart() {
        relay.awaitStreaming(STREAMING);
        String before = UUID.randomUUID().toString();
        LeadServiceOutbox.insertLeadCreated(before, TENANT);
        KafkaEvents.awaitEvent("lead.created", e -> before.equals(e.key()));

        relay.kill();
        assertThat(relay.isAlive()).isFalse();
        assertThat(relay.healthStatus()).isEqualTo(-1);

        String during = UUID.randomUUID().toString();
        UUID rowId = LeadServiceOutbox.insertLeadCreated(during, TENANT);

        relay.start();
        assertThat(relay.isAlive()).isTrue();

        CapturedEvent event = KafkaEvents.awaitEvent("lead.created", e -> during.equals(e.key()), STREAMING);
        KafkaEvents.assertCloudEvent(event, "lead.created", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.header("ce_id")).isEqualTo(rowId.toString());
        relay.awaitStreaming(STREAMING);
    }
}

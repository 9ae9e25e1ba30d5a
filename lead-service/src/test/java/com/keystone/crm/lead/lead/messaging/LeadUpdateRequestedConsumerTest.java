package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdateRequested;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.lead.TaskFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** lead.update-requested from workflow-service: status along the pipeline and tags, published like an agent's change. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadUpdateRequestedConsumerTest {
    static final String TENANT = "update-requests-realty-1";
    static String agent;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, "updreq-agent-uma", "updreq-team", "agent");
    }

    static LeadUpdateRequested.LeadUpdateRequestedBuilderBase<? extends LeadUpdateRequested> requested(String leadId) {
        return LeadUpdateRequested.builder()
                .withLeadId(UUID.fromString(leadId))
                .withTenantId(TENANT)
                .withVersion(2L)
                .withOccurredAt(Instant.now())
                .withRequestId(UUID.randomUUID())
                .withRequestedBy("workflow:w-1")
                .withWorkflowId("w-1")
                .withEnrollmentId(UUID.randomUUID())
                .withStepId("mark");
    }

    @Test
    void aStatusAndTagRequestChangesTheLeadAndPublishesItsEvents() {
        String leadId = TaskFixtures.lead(agent, "Updated");
        UUID eventId = UUID.randomUUID();
        LeadUpdateRequested payload = requested(leadId).withStatus(LeadStatus.ATTEMPTED_CONTACT)
                .withAddTags(List.of("speed-to-lead-done")).withReason("no answer").build();
        KafkaEvents.publish(leadId, eventId, "/workflow-service", payload);
        KafkaEvents.publish(leadId, eventId, "/workflow-service", payload);

        CapturedEvent changed = KafkaEvents.awaitEvent("lead.status-changed", e -> e.key().equals(leadId)
                && "attempted-contact".equals(e.value().path("toStatus").asText()));
        KafkaEvents.assertSchemaValid(changed);
        assertThat(changed.value().path("changedBy").asText()).isEqualTo("workflow:w-1");
        CapturedEvent updated = KafkaEvents.awaitEvent("lead.updated", e -> e.key().equals(leadId)
                && e.value().path("changedFields").toString().contains("tags"));
        assertThat(updated.value().path("tags").toString()).contains("speed-to-lead-done");
        assertThat(count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'status-change'", leadId)).isEqualTo(1);

        // removing the tag, and a transition the pipeline refuses (attempted-contact → closed-won) leaves the status alone
        UUID sentinel = UUID.randomUUID();
        KafkaEvents.publish(leadId, UUID.randomUUID(), "/workflow-service",
                requested(leadId).withStatus(LeadStatus.CLOSED_WON).withRemoveTags(List.of("speed-to-lead-done")).build());
        KafkaEvents.publish(leadId, sentinel, "/workflow-service", requested(leadId).withAddTags(List.of("sentinel")).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM lead WHERE id = ?::uuid AND 'sentinel' = ANY(tags)", leadId) == 1);
        assertThat(count("SELECT count(*) FROM lead WHERE id = ?::uuid AND status = 'ATTEMPTED_CONTACT'"
                + " AND NOT ('speed-to-lead-done' = ANY(tags))", leadId)).isEqualTo(1);
    }

    @Test
    void aRequestForAnotherTenantsLeadChangesNothing() {
        String leadId = TaskFixtures.lead(agent, "Foreign");
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(leadId, eventId, "/workflow-service", LeadUpdateRequested.builder()
                .withLeadId(UUID.fromString(leadId)).withTenantId("update-requests-other-tenant").withVersion(1L)
                .withOccurredAt(Instant.now()).withRequestId(UUID.randomUUID()).withRequestedBy("workflow:w-2")
                .withStatus(LeadStatus.LOST).build());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()) == 1);
        assertThat(count("SELECT count(*) FROM lead WHERE id = ?::uuid AND status = 'NEW'", leadId)).isEqualTo(1);
    }
}

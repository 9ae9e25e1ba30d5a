package com.keystone.crm.workflow.intake;

import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.statusChanged;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The lead projection from events of several topics, in whatever order they come; deletion ends enrollments. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class LeadProjectionTest {
    @Test
    void aStatusChangeBeforeTheCreationKeepsTheNewerStatusAndTakesTheRest() {
        String tenant = "projection-1";
        UUID lead = UUID.randomUUID();
        statusChanged(tenant, lead, 2, LeadStatus.NEW, LeadStatus.CONTACTED);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM lead_projection WHERE lead_id = '"
                + lead + "' AND status = 'contacted'") == 1);
        leadCreated(tenant, lead, "agent-p", "Europe/Berlin", "vip");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM lead_projection WHERE lead_id = '"
                + lead + "' AND status = 'contacted' AND source = 'zillow' AND time_zone = 'Europe/Berlin' AND 'vip' = ANY(tags)") == 1);
    }

    @Test
    void eventsOfNewLeadsOnThreeTopicsAtOnceAllLandOnTheirRows() {
        // lead.created, lead.status-changed and lead.scored of a new lead come at once and are applied side by side by
        // three consumers: one makes the row, the others wait for it; none overwrites another's fields
        String tenant = "projection-3";
        List<UUID> leads = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID lead : leads) {
            leadCreated(tenant, lead, "agent-c", "America/Denver");
            statusChanged(tenant, lead, 2, LeadStatus.NEW, LeadStatus.CONTACTED);
            KafkaEvents.publish(lead.toString(), UUID.randomUUID(), "/scoring-service", LeadScored.builder()
                    .withLeadId(lead).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                    .withScore(BigDecimal.valueOf(83.5)).withTier(ScoreTier.HOT).withModelVersion("gbt-1").build());
        }
        String ids = String.join("','", leads.stream().map(UUID::toString).toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM lead_projection WHERE lead_id IN ('"
                + ids + "') AND status = 'contacted' AND source = 'zillow' AND time_zone = 'America/Denver' AND score = 83.5"
                + " AND tier = 'hot' AND lead_version = 2 AND score_version = 1") == leads.size());
    }

    @Test
    void aDeletedLeadLeavesItsEnrollments() {
        String tenant = "projection-2";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Long", "trigger": {"type": "manual"}, "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "P7D", "next": "sms"},
                           {"id": "sms", "type": "send", "channel": "sms", "templateKey": "long.sms"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-d", null);
        awaitLead(lead);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201);
        KafkaEvents.publish(lead.toString(), UUID.randomUUID(), "/lead-service", LeadUpdated.builder()
                .withLeadId(lead).withTenantId(tenant).withVersion(3L).withOccurredAt(Instant.now())
                .withStatus(LeadStatus.NEW).withTags(List.of("x")).withChangedFields(Set.of("deleted"))
                .withUpdatedBy("agent-d").withDeleted(true).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND state = 'exited' AND reason = 'lead-deleted'") == 1);
        // a deleted lead cannot be enrolled by hand
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(404);
    }
}

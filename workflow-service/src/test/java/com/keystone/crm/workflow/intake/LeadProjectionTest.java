package com.keystone.crm.workflow.intake;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

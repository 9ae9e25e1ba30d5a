package com.keystone.crm.workflow.analytics;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.agent;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.statusChanged;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** Per version and variant: enrolled, active, ended by reason, conversions with an interval; the step funnel. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class AnalyticsResourceTest {
    @Test
    void enrollmentsStepsAndConversionsAreCounted() {
        String tenant = "analytics-1";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Measured", "trigger": {"type": "manual"}, "goalStatuses": ["appointment-set"], "start": "hello",
                 "steps": [{"id": "hello", "type": "send", "channel": "email", "templateKey": "m.hello", "next": "wait"},
                           {"id": "wait", "type": "wait", "duration": "P30D"}]}""");
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID lead = UUID.randomUUID();
            leadCreated(tenant, lead, "agent-m", null);
            leads.add(lead);
        }
        for (UUID lead : leads) {
            awaitLead(lead);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                    .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM enrollment WHERE workflow_id = '"
                + workflow + "' AND current_step_id = 'wait'") == 4);
        statusChanged(tenant, leads.get(0), 2, LeadStatus.NEW, LeadStatus.APPOINTMENT_SET);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM enrollment WHERE workflow_id = '"
                + workflow + "' AND reason = 'goal-reached'") == 1);

        given().auth().oauth2(token).get("/api/v1/workflows/" + workflow + "/analytics").then().statusCode(200)
                .body("cohorts", hasSize(1))
                .body("cohorts[0].version", equalTo(1))
                .body("cohorts[0].enrolled", equalTo(4))
                .body("cohorts[0].active", equalTo(3))
                .body("cohorts[0].completed", equalTo(1))
                .body("cohorts[0].endedByReason.goal-reached", equalTo(1))
                .body("cohorts[0].converted", equalTo(1))
                .body("cohorts[0].conversionRate", equalTo(0.25f))
                .body("cohorts[0].conversionLow", lessThanOrEqualTo(0.25f))
                .body("cohorts[0].conversionHigh", greaterThanOrEqualTo(0.25f))
                .body("steps.find { it.stepId == 'hello' }.reached", equalTo(4))
                .body("steps.find { it.stepId == 'hello' }.outcomes.requested", equalTo(4))
                .body("firstTouch[0].enrollments", equalTo(4));
        given().auth().oauth2(agent(tenant, "agent-m")).get("/api/v1/workflows/" + workflow + "/analytics").then().statusCode(403);
        given().auth().oauth2(admin("analytics-other")).get("/api/v1/workflows/" + workflow + "/analytics").then().statusCode(404);
    }
}

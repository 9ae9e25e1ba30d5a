package com.keystone.crm.workflow.enrollment;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitNotification;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static com.keystone.crm.workflow.WorkflowFixtures.replied;
import static com.keystone.crm.workflow.WorkflowFixtures.statusChanged;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** waitFor steps: the awaited event moves the enrollment on; the timeout takes the other path. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class WaitForTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static void enroll(String token, String workflow, UUID lead) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + workflow + "/enrollments").then().statusCode(201);
    }

    @Test
    void theAwaitedStatusOrTheTimeoutDecidesThePath() {
        String tenant = "waitfor-1";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Wait for contact", "trigger": {"type": "manual"}, "start": "until",
                 "steps": [{"id": "until", "type": "waitFor", "event": {"type": "status", "in": ["contacted"]},
                            "timeout": "P1D", "next": "thanks", "timeoutNext": "nudge"},
                           {"id": "thanks", "type": "send", "channel": "email", "templateKey": "wf.thanks"},
                           {"id": "nudge", "type": "send", "channel": "sms", "templateKey": "wf.nudge"}]}""");
        UUID contacted = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        leadCreated(tenant, contacted, "agent-w", null);
        leadCreated(tenant, silent, "agent-w", null);
        awaitLead(contacted);
        awaitLead(silent);
        enroll(token, workflow, contacted);
        enroll(token, workflow, silent);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE workflow_id = '"
                + workflow + "' AND waiting_for IS NOT NULL") == 2);

        statusChanged(tenant, contacted, 2, LeadStatus.NEW, LeadStatus.CONTACTED);
        awaitNotification(contacted, e -> "wf.thanks".equals(e.value().path("templateKey").asText()));

        clock.advance(Duration.ofDays(2));
        awaitNotification(silent, e -> "wf.nudge".equals(e.value().path("templateKey").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM step_execution s JOIN enrollment e"
                + " ON e.id = s.enrollment_id WHERE e.lead_id = '" + silent + "' AND s.outcome = 'timed-out'") == 1);
    }

    @Test
    void aWorkflowThatWaitsForAReplyGoesOnInsteadOfEnding() {
        String tenant = "waitfor-2";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Wait for a reply", "trigger": {"type": "manual"}, "start": "ask",
                 "steps": [{"id": "ask", "type": "send", "channel": "sms", "templateKey": "wr.ask", "next": "until"},
                           {"id": "until", "type": "waitFor", "event": {"type": "reply"}, "next": "tier"},
                           {"id": "tier", "type": "waitFor", "event": {"type": "scoreTier", "in": ["hot"]}, "timeout": "PT1H", "next": "thanks"},
                           {"id": "thanks", "type": "send", "channel": "email", "templateKey": "wr.thanks"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-r", null);
        awaitLead(lead);
        enroll(token, workflow, lead);
        awaitNotification(lead, e -> "wr.ask".equals(e.value().path("templateKey").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND current_step_id = 'until'") == 1);
        replied(tenant, lead, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND current_step_id = 'tier' AND state = 'active'") == 1);
        TriggersAndVersionsTest.scored(tenant, lead, 1, 92);
        awaitNotification(lead, e -> "wr.thanks".equals(e.value().path("templateKey").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND state = 'completed'") == 1);
    }
}

package com.keystone.crm.workflow.sweep;

import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.notificationsOf;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * Time-based triggers: a recurring segment sweep ("no activity for 30 days") enrolls exactly the matching leads of
 * its tenant, once per window however often the sweeper polls, and again in the next window; "N days after the lead
 * arrived" is a sweep over {@code daysSinceCreated} with re-enrollment never. Time is moved with the TestClock.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class SegmentSweepTest {
    @Inject
    TestClock clock;

    @BeforeEach
    void awayFromMidnight() {
        // P1D windows start at UTC midnight: keep a test from straddling one by accident
        if (LocalTime.ofInstant(Instant.now(), ZoneOffset.UTC).isAfter(LocalTime.of(23, 50))) {
            clock.advance(Duration.ofMinutes(15));
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRecurringSweepEnrollsTheSilentSegmentOncePerWindow() {
        String tenant = "sweep-1";
        UUID silent = lead(tenant, Duration.ofDays(60));
        UUID active = lead(tenant, Duration.ofDays(60));
        UUID neverActive = lead(tenant, Duration.ofDays(60));
        UUID otherTenant = lead("sweep-1-other", Duration.ofDays(60));
        activity(tenant, silent, Duration.ofDays(40));
        activity(tenant, active, Duration.ofDays(2));
        activity("sweep-1-other", otherTenant, Duration.ofDays(40));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM lead_projection WHERE lead_id IN ('" + silent + "', '" + active + "', '"
                        + otherTenant + "') AND last_activity_at IS NOT NULL") == 3);

        String workflow = published(admin(tenant), """
                {"name": "Silent for 30 days", "trigger": {"type": "schedule", "every": "P1D", "filter": "daysSinceLastActivity >= 30"},
                 "start": "email", "steps": [{"id": "email", "type": "send", "channel": "email", "templateKey": "sweep.check-in"}]}""");

        await().atMost(Duration.ofSeconds(60)).until(() -> sweepsDone(workflow) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(workflow, silent) == 1
                && count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflow + "' AND state = 'completed'") == 1);
        // the sweeper goes on polling in the same window: nobody enrolls again, though the enrollment has ended
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                enrollments(workflow, silent) == 1 && count("SELECT count(*) FROM workflow_sweep WHERE workflow_id = '" + workflow + "'") == 1);
        assertThat(enrollments(workflow, active)).isZero();
        assertThat(enrollments(workflow, neverActive)).isZero();
        assertThat(count("SELECT count(*) FROM enrollment WHERE lead_id = '" + otherTenant + "'")).isZero();
        assertThat(count("SELECT considered FROM workflow_sweep WHERE workflow_id = '" + workflow + "'")).isEqualTo(3);
        assertThat(count("SELECT enrolled FROM workflow_sweep WHERE workflow_id = '" + workflow + "'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationsOf(silent).size() == 1);
        assertThat(notificationsOf(silent).get(0).value().path("templateVariables").path("sweepWindow").asText()).isNotEmpty();

        // the next window: the still-silent lead again (re-enrollment after exit), the active one still not
        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> sweepsDone(workflow) == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(workflow, silent) == 2);
        assertThat(enrollments(workflow, active)).isZero();
    }

    @Test
    void nDaysAfterTheLeadArrivedEnrollsEachLeadOnce() {
        String tenant = "sweep-2";
        UUID old = lead(tenant, Duration.ofDays(5));
        UUID fresh = lead(tenant, Duration.ZERO);
        String workflow = published(admin(tenant), """
                {"name": "Day 3", "trigger": {"type": "schedule", "every": "PT6H", "filter": "daysSinceCreated >= 3"},
                 "reenrollment": "never",
                 "start": "email", "steps": [{"id": "email", "type": "send", "channel": "email", "templateKey": "day3.email"}]}""");
        await().atMost(Duration.ofSeconds(60)).until(() -> sweepsDone(workflow) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(workflow, old) == 1);
        assertThat(enrollments(workflow, fresh)).isZero();

        clock.advance(Duration.ofDays(4));
        await().atMost(Duration.ofSeconds(60)).until(() -> sweepsDone(workflow) == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> enrollments(workflow, fresh) == 1);
        assertThat(enrollments(workflow, old)).as("re-enrollment never: once in all").isEqualTo(1);
    }

    @Test
    void aPausedScheduleWorkflowSweepsNobody() {
        String tenant = "sweep-3";
        String token = admin(tenant);
        UUID lead = lead(tenant, Duration.ofDays(10));
        String workflow = published(token, """
                {"name": "Everyone", "trigger": {"type": "schedule", "every": "P1D", "filter": "daysSinceCreated >= 0"},
                 "start": "email", "steps": [{"id": "email", "type": "send", "channel": "email", "templateKey": "all.email"}]}""");
        await().atMost(Duration.ofSeconds(60)).until(() -> enrollments(workflow, lead) == 1);
        String etag = given().auth().oauth2(token).get("/api/v1/workflows/" + workflow).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(token).header("If-Match", etag).post("/api/v1/workflows/" + workflow + "/pause").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflow + "' AND state = 'completed'") == 1);
        clock.advance(Duration.ofDays(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM workflow_sweep WHERE workflow_id = '" + workflow + "'") == 1);
        assertThat(enrollments(workflow, lead)).isEqualTo(1);
    }

    @Test
    void aScheduleTriggerIsCheckedAtSaveTime() {
        String token = admin("sweep-4");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name": "Too often", "trigger": {"type": "schedule", "every": "PT5M", "filter": "true"},
                 "start": "e", "steps": [{"id": "e", "type": "send", "channel": "email", "templateKey": "x"}]}""")
                .post("/api/v1/workflows").then().statusCode(422).body("errors.field", hasItem("trigger.every"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name": "No filter", "trigger": {"type": "schedule", "every": "P1D"},
                 "start": "e", "steps": [{"id": "e", "type": "send", "channel": "email", "templateKey": "x"}]}""")
                .post("/api/v1/workflows").then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name": "Bad filter", "trigger": {"type": "schedule", "every": "P1D", "filter": "daysSinceCreated >= 'x'"},
                 "start": "e", "steps": [{"id": "e", "type": "send", "channel": "email", "templateKey": "x"}]}""")
                .post("/api/v1/workflows").then().statusCode(422).body("errors.field", hasItem("trigger.filter"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"name": "Stray field", "trigger": {"type": "lead.created", "every": "P1D"},
                 "start": "e", "steps": [{"id": "e", "type": "send", "channel": "email", "templateKey": "x"}]}""")
                .post("/api/v1/workflows").then().statusCode(422);
        assertThat(count("SELECT count(*) FROM workflow WHERE tenant_id = 'sweep-4'")).isZero();
    }

    private static long sweepsDone(String workflow) {
        return count("SELECT count(*) FROM workflow_sweep WHERE workflow_id = '" + workflow + "' AND state = 'done'");
    }

    private static long enrollments(String workflow, UUID lead) {
        return count("SELECT count(*) FROM enrollment WHERE workflow_id = '" + workflow + "' AND lead_id = '" + lead + "'");
    }

    /** A lead lead-service created {@code ago}. */
    private static UUID lead(String tenant, Duration ago) {
        UUID leadId = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadCreated.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now().minus(ago))
                .withStatus(LeadStatus.NEW).withSource("zillow").withCreatedBy("ingestion").withFirstName("Sam")
                .withAssignedAgentId("agent-s").withConsent(Consent.builder().withEmail(true).withSms(true).build())
                .build());
        awaitLead(leadId);
        return leadId;
    }

    private static void activity(String tenant, UUID leadId, Duration ago) {
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", LeadActivityRecorded.builder()
                .withLeadId(leadId).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now().minus(ago))
                .withActivityId(UUID.randomUUID()).withActivityType("call-logged").withSummary("Left a voicemail").build());
    }
}

package com.keystone.crm.workflow.enrollment;

import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.agent;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitNotification;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static com.keystone.crm.workflow.WorkflowFixtures.listingMatch;
import static com.keystone.crm.workflow.WorkflowFixtures.notificationsOf;
import static com.keystone.crm.workflow.WorkflowFixtures.published;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Triggers (activity type, score crossing, manual), A/B splits, versions and the agent's controls, through real
 * Kafka and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class TriggersAndVersionsTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aListingMatchActivitySendsTheListingAlert() {
        String tenant = "trig-listing-1";
        published(admin(tenant), """
                {"name": "Alerts", "trigger": {"type": "lead.activity-recorded", "activityType": "listing-match"},
                 "exitOn": {"reply": false}, "start": "alert",
                 "steps": [{"id": "alert", "type": "send", "channel": "email", "to": "lead", "templateKey": "listing-alert"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-lu", null);
        awaitLead(lead);

        listingMatch(tenant, lead, "MLS-4711");

        CapturedEvent alert = awaitNotification(lead, e -> "listing-alert".equals(e.value().path("templateKey").asText()));
        KafkaEvents.assertSchemaValid(alert);
        assertThat(alert.value().path("templateVariables").path("listingKey").asText()).isEqualTo("MLS-4711");
        assertThat(alert.value().path("templateVariables").path("matchReason").asText()).isEqualTo("new-listing");
        assertThat(alert.value().path("templateVariables").path("listPrice").asDouble()).isEqualTo(599000.0);
        // the enrollment completed, so the next match alerts again (re-enrollment after exit)
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                + "' AND state = 'completed'") == 1);
        listingMatch(tenant, lead, "MLS-4712");
        awaitNotification(lead, e -> "MLS-4712".equals(e.value().path("templateVariables").path("listingKey").asText()));
    }

    @Test
    void aScoreEnrollsWhenItCrossesTheThresholdNotOnEveryRescore() {
        String tenant = "trig-score-1";
        published(admin(tenant), """
                {"name": "Hot leads", "trigger": {"type": "lead.scored", "threshold": 80}, "start": "ping",
                 "steps": [{"id": "ping", "type": "send", "channel": "push", "to": "agent", "templateKey": "hot-lead"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-sam", null);
        awaitLead(lead);
        scored(tenant, lead, 1, 85);      // crossing from unscored
        CapturedEvent push = awaitNotification(lead, e -> "push".equals(e.value().path("channel").asText()));
        assertThat(push.value().path("recipient").path("kind").asText()).isEqualTo("user");
        assertThat(push.value().path("recipient").path("userId").asText()).isEqualTo("agent-sam");
        assertThat(push.value().path("category").asText()).isEqualTo("transactional");
        scored(tenant, lead, 2, 90);      // a rescore above: no new crossing
        scored(tenant, lead, 3, 40);      // down
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM lead_projection WHERE lead_id = '"
                + lead + "' AND score_version = 3") == 1);
        assertThat(count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead + "'")).isEqualTo(1);
        scored(tenant, lead, 4, 81);      // up again: crosses
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead + "'") == 2);
    }

    @Test
    void anAbSplitIsStickyPerLeadAndUsesBothVariants() {
        String tenant = "trig-split-1";
        String token = admin(tenant);
        String workflow = published(token, """
                {"name": "Subject test", "trigger": {"type": "manual"}, "start": "split",
                 "steps": [
                   {"id": "split", "type": "split", "variants": [
                     {"name": "short", "weight": 50, "next": "a"}, {"name": "long", "weight": 50, "next": "b"}]},
                   {"id": "a", "type": "send", "channel": "email", "templateKey": "intro.short"},
                   {"id": "b", "type": "send", "channel": "email", "templateKey": "intro.long"}]}""");
        Set<String> variants = new HashSet<>();
        UUID first = null;
        String firstVariant = null;
        for (int i = 0; i < 16; i++) {
            UUID lead = UUID.randomUUID();
            leadCreated(tenant, lead, "agent-x", null);
            awaitLead(lead);
            enroll(token, workflow, lead).then().statusCode(201);
            CapturedEvent sent = awaitNotification(lead, e -> true);
            String template = sent.value().path("templateKey").asText();
            String variant = template.equals("intro.short") ? "short" : "long";
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE lead_id = '" + lead
                    + "' AND state = 'completed' AND variant = '" + variant + "'") == 1);
            variants.add(variant);
            if (first == null) {
                first = lead;
                firstVariant = variant;
            }
        }
        assertThat(variants).containsExactlyInAnyOrder("short", "long");
        // the same lead enrolled again lands in the same variant
        UUID again = first;
        enroll(token, workflow, again).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(again).size() == 2);
        String expected = firstVariant.equals("short") ? "intro.short" : "intro.long";
        assertThat(notificationsOf(again)).extracting(e -> e.value().path("templateKey").asText()).containsOnly(expected);
    }

    @Test
    void publishingANewVersionLeavesRunningEnrollmentsOnTheirs() {
        String tenant = "trig-versions-1";
        String token = admin(tenant);
        String v1 = """
                {"name": "Two touches", "trigger": {"type": "manual"}, "start": "email",
                 "steps": [
                   {"id": "email", "type": "send", "channel": "email", "templateKey": "v1.email", "next": "wait"},
                   {"id": "wait", "type": "wait", "duration": "PT1H", "next": "sms"},
                   {"id": "sms", "type": "send", "channel": "sms", "templateKey": "v1.sms"}]}""";
        String workflow = published(token, v1);
        UUID early = UUID.randomUUID();
        leadCreated(tenant, early, "agent-v", null);
        awaitLead(early);
        enroll(token, workflow, early).then().statusCode(201).body("workflowVersion", equalTo(1));
        awaitNotification(early, e -> "v1.email".equals(e.value().path("templateKey").asText()));

        Response current = given().auth().oauth2(token).get("/api/v1/workflows/" + workflow);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                .body(v1.replace("v1.", "v2.")).put("/api/v1/workflows/" + workflow + "/draft").then().statusCode(200);
        String etag = given().auth().oauth2(token).get("/api/v1/workflows/" + workflow).header("ETag");
        given().auth().oauth2(token).header("If-Match", etag).post("/api/v1/workflows/" + workflow + "/publish")
                .then().statusCode(200).body("publishedVersion", equalTo(2));

        UUID late = UUID.randomUUID();
        leadCreated(tenant, late, "agent-v", null);
        awaitLead(late);
        enroll(token, workflow, late).then().statusCode(201).body("workflowVersion", equalTo(2));
        awaitNotification(late, e -> "v2.email".equals(e.value().path("templateKey").asText()));

        clock.advance(Duration.ofHours(2));
        awaitNotification(early, e -> "v1.sms".equals(e.value().path("templateKey").asText()));
        awaitNotification(late, e -> "v2.sms".equals(e.value().path("templateKey").asText()));
        given().auth().oauth2(token).get("/api/v1/workflows/" + workflow + "/versions/1").then().statusCode(200)
                .body("definition.steps[0].templateKey", equalTo("v1.email"));
    }

    @Test
    void anAgentPausesResumesAndExitsAnEnrollmentOfTheirLead() {
        String tenant = "trig-agent-1";
        String admin = admin(tenant);
        String workflow = published(admin, """
                {"name": "Slow", "trigger": {"type": "manual"}, "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "PT2H", "next": "sms"},
                           {"id": "sms", "type": "send", "channel": "sms", "templateKey": "slow.sms"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-pat", null);
        awaitLead(lead);
        String id = enroll(admin, workflow, lead).then().statusCode(201).extract().path("id");
        // a second open enrollment of the same lead in the same workflow is refused
        enroll(admin, workflow, lead).then().statusCode(409).contentType("application/problem+json");

        String pat = agent(tenant, "agent-pat");
        String other = agent(tenant, "agent-someone-else");
        given().auth().oauth2(other).post("/api/v1/enrollments/" + id + "/pause").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/enrollments?leadId=" + lead).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(pat).get("/api/v1/enrollments?leadId=" + lead).then().statusCode(200).body("items", hasSize(1));
        String etag = given().auth().oauth2(pat).get("/api/v1/enrollments/" + id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(pat).header("If-Match", "\"999\"").post("/api/v1/enrollments/" + id + "/pause").then().statusCode(412);
        given().auth().oauth2(pat).header("If-Match", etag).post("/api/v1/enrollments/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("paused")).body("reason", equalTo("agent-paused"));

        clock.advance(Duration.ofHours(3));
        // paused: the timer is due but nothing runs; resuming runs it
        given().auth().oauth2(pat).post("/api/v1/enrollments/" + id + "/resume").then().statusCode(200).body("state", equalTo("active"));
        awaitNotification(lead, e -> "slow.sms".equals(e.value().path("templateKey").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE id = '" + id
                + "' AND state = 'completed'") == 1);
        given().auth().oauth2(pat).post("/api/v1/enrollments/" + id + "/exit").then().statusCode(409);

        String second = enroll(admin, workflow, lead).then().statusCode(201).extract().path("id");
        given().auth().oauth2(pat).post("/api/v1/enrollments/" + second + "/exit").then().statusCode(200)
                .body("state", equalTo("exited")).body("reason", equalTo("manual"));
        given().auth().oauth2(pat).get("/api/v1/enrollments/" + id).then().statusCode(200)
                .body("steps", hasSize(2)).body("steps[1].stepId", equalTo("sms")).body("steps[1].outcome", equalTo("requested"));
        given().auth().oauth2(admin("trig-agent-other")).get("/api/v1/enrollments/" + id).then().statusCode(404);
        given().auth().oauth2(pat).get("/api/v1/enrollments?state=bogus").then().statusCode(400);
        given().auth().oauth2(pat).get("/api/v1/enrollments/not-a-uuid").then().statusCode(404);
    }

    @Test
    void anOptOutEndsTheLeadsEnrollments() {
        String tenant = "trig-optout-1";
        String admin = admin(tenant);
        String workflow = published(admin, """
                {"name": "Slow", "trigger": {"type": "manual"}, "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "PT2H", "next": "sms"},
                           {"id": "sms", "type": "send", "channel": "sms", "templateKey": "slow.sms"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-oo", null);
        awaitLead(lead);
        String id = enroll(admin, workflow, lead).then().statusCode(201).extract().path("id");
        KafkaEvents.publish(UUID.randomUUID().toString(), UUID.randomUUID(), "/notification-service", ContactOptedOut.builder()
                .withSuppressionId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withChannel(Channel.SMS).withAddress("+14155550123").withSource(ContactOptedOut.Source.SMS_KEYWORD)
                .withLeadId(lead).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE id = '" + id
                + "' AND state = 'exited' AND reason = 'opted-out'") == 1);
    }

    @Test
    void aStopTextEndsTheEnrollmentsAsAnOptOutNotAsAReply() {
        // notification-service publishes a STOP both as notification.replied (optOut) and as contact.opted-out, on two
        // topics: the reply alone, arriving first, must already end the enrollment as opted-out (issue #16)
        String tenant = "trig-stop-1";
        String admin = admin(tenant);
        String workflow = published(admin, """
                {"name": "Slow too", "trigger": {"type": "manual"}, "start": "wait",
                 "steps": [{"id": "wait", "type": "wait", "duration": "PT2H", "next": "sms"},
                           {"id": "sms", "type": "send", "channel": "sms", "templateKey": "slow.sms"}]}""");
        UUID lead = UUID.randomUUID();
        leadCreated(tenant, lead, "agent-st", null);
        awaitLead(lead);
        String id = enroll(admin, workflow, lead).then().statusCode(201).extract().path("id");
        KafkaEvents.publish(UUID.randomUUID().toString(), UUID.randomUUID(), "/notification-service", NotificationReplied.builder()
                .withReplyId(UUID.randomUUID()).withTenantId(tenant).withVersion(1L).withOccurredAt(Instant.now())
                .withChannel(NotificationReplied.Channel.SMS).withFrom("+14155550123").withBody("STOP").withOptOut(true)
                .withLeadId(lead).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM enrollment WHERE id = '" + id
                + "' AND state = 'exited' AND reason = 'opted-out'") == 1);
        // a STOP is no conversation: the lead does not count as having replied, and its SMS consent is off
        assertThat(count("SELECT count(*) FROM lead_projection WHERE lead_id = '" + lead
                + "' AND replied_at IS NULL AND consent ->> 'sms' = 'false'")).isEqualTo(1);
    }

    static Response enroll(String token, String workflow, UUID lead) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + workflow + "/enrollments");
    }

    static void scored(String tenant, UUID lead, long version, double score) {
        KafkaEvents.publish(lead.toString(), UUID.randomUUID(), "/scoring-service", LeadScored.builder()
                .withLeadId(lead).withTenantId(tenant).withVersion(version).withOccurredAt(Instant.now())
                .withScore(BigDecimal.valueOf(score)).withTier(score >= 80 ? ScoreTier.HOT : ScoreTier.COOL)
                .withModelVersion("gbt-1").build());
    }

}

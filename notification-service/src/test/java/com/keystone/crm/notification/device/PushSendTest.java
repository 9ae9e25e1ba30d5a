package com.keystone.crm.notification.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.tools.fakes.apns.ApnsPush;
import com.keystone.crm.tools.fakes.fcm.FcmMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Push through {@code POST /api/v1/notifications} (channel push to a user: every registered device, FCM and APNs
 * through the real clients against the fakes), push templates (title and text rendered by the same Qute engine as
 * email and SMS), who may push to whom, and the consent rules of the other channels: the suppression list (channel
 * push, the user id as the address) and quiet hours for marketing pushes.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class PushSendTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final TestProviders providers = TestProviders.get();
    final String tenant = "push-api-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String agent(String user) {
        return TestTokens.token(tenant, user, "team-1", "agent");
    }

    String teamLead() {
        return TestTokens.token(tenant, "lead-1", "team-1", "team-lead");
    }

    void register(String user, String token, String platform) {
        given().auth().oauth2(agent(user)).contentType(ContentType.JSON).body(DeviceResourceTest.device(token, platform))
                .post("/api/v1/devices").then().statusCode(201);
    }

    static Map<String, Object> push(String userId, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "push");
        body.put("category", category);
        body.put("to", Map.of("userId", userId));
        return body;
    }

    @Test
    void aPushToTheCallersOwnPhonesReachesEachDeviceOnceAndARetryIsTheSameDelivery() throws Exception {
        String android = DeviceResourceTest.fcmToken();
        String iphone = DeviceResourceTest.apnsToken();
        register("agent-p1", android, "android");
        register("agent-p1", iphone, "ios");
        Map<String, Object> body = push("agent-p1", "transactional");
        body.put("subject", "Showing in 30 minutes");
        body.put("body", "123 Main St with the Does");
        body.put("leadId", UUID.randomUUID().toString());

        String id = given().auth().oauth2(agent("agent-p1")).contentType(ContentType.JSON).header("Idempotency-Key", "reminder-1")
                .body(body).post("/api/v1/notifications").then().statusCode(202).body("channel", equalTo("push"))
                .body("to", equalTo("agent-p1")).extract().path("id");
        // the same key again: the same delivery, nothing sent twice
        given().auth().oauth2(agent("agent-p1")).contentType(ContentType.JSON).header("Idempotency-Key", "reminder-1")
                .body(body).post("/api/v1/notifications").then().statusCode(202).body("id", equalTo(id));

        UUID requestId = UUID.fromString(String.valueOf(Db.one("SELECT request_id FROM notification WHERE id = ?::uuid", id)));
        Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(providers.fcm.messagesTo(android)).hasSize(1);
        FcmMessage fcm = providers.fcm.messagesTo(android).get(0);
        assertThat(fcm.title()).isEqualTo("Showing in 30 minutes");
        assertThat(fcm.body()).isEqualTo("123 Main St with the Does");
        assertThat(fcm.data()).containsEntry("deliveryId", id).doesNotContainKey("type");
        // the Android tag is the delivery: a resend would replace this notification in the drawer
        assertThat(new ObjectMapper().readTree(fcm.requestJson()).path("message").path("android").path("notification")
                .path("tag").asText()).isEqualTo(id);
        assertThat(providers.apns.pushesTo(iphone)).hasSize(1);
        ApnsPush apns = providers.apns.pushesTo(iphone).get(0);
        assertThat(apns.title()).isEqualTo("Showing in 30 minutes");
        assertThat(apns.collapseId()).isEqualTo(id);

        given().auth().oauth2(agent("agent-p1")).get("/api/v1/notifications/" + id).then().statusCode(200)
                .body("status", equalTo("sent")).body("attempts.provider", hasItem("fcm-a"));
        // another agent of the tenant does not see it
        given().auth().oauth2(agent("agent-other")).get("/api/v1/notifications/" + id).then().statusCode(404);
    }

    @Test
    void aPushTemplateRendersTitleAndTextAndTheSendRecordsItsVersion() {
        String android = DeviceResourceTest.fcmToken();
        register("agent-p2", android, "android");
        String key = "showing.reminder";
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "push", "text", "{address} at {time}", "variables", List.of("address", "time")))
                .post("/api/v1/templates").then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("title"));
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "push", "subject", "Showing: {address}", "text", "{address} at {time}",
                        "variables", List.of("address", "time")))
                .post("/api/v1/templates").then().statusCode(201).body("version", equalTo(1));
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON)
                .body(Map.of("key", key, "channel", "push", "subject", "x", "text", "y".repeat(1001), "variables", List.of()))
                .post("/api/v1/templates").then().statusCode(422);

        Map<String, Object> body = push("agent-p2", "transactional");
        body.put("templateKey", key);
        body.put("variables", Map.of("address", "12 Elm St", "time", "4 pm"));
        String id = given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/notifications").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> "sent".equals(Requests.column("status", UUID.fromString(id))));
        FcmMessage fcm = providers.fcm.messagesTo(android).get(0);
        assertThat(fcm.title()).isEqualTo("Showing: 12 Elm St");
        assertThat(fcm.body()).isEqualTo("12 Elm St at 4 pm");
        // a template's variables are its own, not the push's data
        assertThat(fcm.data()).doesNotContainKey("address");
        assertThat(Requests.column("template_version", UUID.fromString(id))).isEqualTo("1");
    }

    @Test
    void onlyTeamLeadsAndAdminsPushToOthersAndBadPushRequestsNameTheField() {
        Map<String, Object> body = push("agent-somebody-else", "transactional");
        body.put("body", "hi");
        given().auth().oauth2(agent("agent-p3")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/notifications").then().statusCode(403).contentType("application/problem+json");

        Map<String, Object> noUser = new LinkedHashMap<>(body);
        noUser.put("to", Map.of());
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(noUser)
                .post("/api/v1/notifications").then().statusCode(400).body("errors.field", hasItem("to.userId"));

        Map<String, Object> emailWithUser = new LinkedHashMap<>(body);
        emailWithUser.put("channel", "email");
        emailWithUser.put("to", Map.of("email", "a@example.com", "userId", "agent-p3"));
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(emailWithUser)
                .post("/api/v1/notifications").then().statusCode(400).body("errors.field", hasItem("to.userId"));

        Map<String, Object> tooLong = new LinkedHashMap<>(body);
        tooLong.put("body", "x".repeat(1001));
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(tooLong)
                .post("/api/v1/notifications").then().statusCode(400).body("errors.field", hasItem("body"));

        Map<String, Object> control = new LinkedHashMap<>(body);
        control.put("to", Map.of("userId", "agent\u0001p3"));
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(control)
                .post("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json");
        assertThat(Db.count("SELECT count(*) FROM notification WHERE tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aUserOptedOutOfMarketingPushesGetsTransactionalOnesOnly() {
        String android = DeviceResourceTest.fcmToken();
        register("agent-p4", android, "android");
        given().auth().oauth2(teamLead()).contentType(ContentType.JSON)
                .body(Map.of("channel", "push", "address", "agent-p4", "purpose", "marketing"))
                .post("/api/v1/suppressions").then().statusCode(201);

        Map<String, Object> marketing = push("agent-p4", "marketing");
        marketing.put("body", "Open house this weekend");
        String suppressed = given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(marketing)
                .post("/api/v1/notifications").then().statusCode(202).extract().path("id");
        Map<String, Object> transactional = push("agent-p4", "transactional");
        transactional.put("body", "Your showing was moved to 5 pm");
        String sent = given().auth().oauth2(teamLead()).contentType(ContentType.JSON).body(transactional)
                .post("/api/v1/notifications").then().statusCode(202).extract().path("id");

        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> "failed".equals(Requests.column("status", UUID.fromString(suppressed)))
                && "sent".equals(Requests.column("status", UUID.fromString(sent))));
        assertThat(Requests.column("failure_reason", UUID.fromString(suppressed))).isEqualTo("suppressed");
        assertThat(providers.fcm.messagesTo(android)).extracting(FcmMessage::body).containsExactly("Your showing was moved to 5 pm");
    }

    @Test
    void aMarketingPushAtNightWaitsForTheRecipientsMorning() {
        String android = DeviceResourceTest.fcmToken();
        register("agent-p5", android, "android");
        ZonedDateTime night = ZonedDateTime.now(NEW_YORK).plusDays(1).withHour(22).withMinute(30).withSecond(0).withNano(0);
        clock.advance(Duration.between(clock.instant(), night.toInstant()));
        UUID requestId = UUID.randomUUID();
        Requests.publish(NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(Channel.PUSH).withCategory(NotificationRequested.Category.MARKETING)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.USER).withUserId("agent-p5")
                        .withTimezone("America/New_York").build())
                .withSubject("New listings").withBody("3 homes match your buyer's search").withRequestedBy("workflow:wf-digest").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "held");
        assertThat(Requests.column("hold_reason", id)).isEqualTo("quiet-hours");
        Instant morning = night.plusDays(1).withHour(8).withMinute(0).toInstant();
        assertThat(Instant.parse(Requests.column("to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", id)))
                .isEqualTo(morning);
        assertThat(providers.fcm.messagesTo(android)).isEmpty();

        clock.advance(Duration.between(clock.instant(), morning.plusSeconds(1)));
        Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(providers.fcm.messagesTo(android)).hasSize(1);
    }
}

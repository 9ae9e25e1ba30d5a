package com.keystone.crm.notification.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.fcm.FcmMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes whose outcome is unknown. FCM and APNs offer no lookup of a sent message, but a second call carries the same
 * identity the phone folds into one alert (FCM: the Android notification tag and collapse key; APNs: apns-collapse-id,
 * both the delivery id), so the push is sent again and the first attempt is recorded unknown.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class PushUnknownOutcomeTest {
    final TestProviders providers = TestProviders.get();
    final String tenant = "push-unknown-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void clearFaults() {
        providers.fcm.clearFaults();
    }

    String register(String user, String token, String platform) {
        return given().auth().oauth2(TestTokens.token(tenant, user, "team-1", "agent")).contentType(ContentType.JSON)
                .body(DeviceResourceTest.device(token, platform)).post("/api/v1/devices").then().statusCode(201)
                .extract().path("id");
    }

    NotificationRequested.NotificationRequestedBuilderBase<? extends NotificationRequested> push(UUID requestId, String user) {
        return NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(Channel.PUSH)
                .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.USER).withUserId(user).build())
                .withSubject("Task due").withBody("Call back the Smiths").withRequestedBy("workflow:wf-tasks");
    }

    @Test
    void anFcmPushTakenWithoutAnAnswerIsSentAgainUnderTheSameTag() throws Exception {
        String android = DeviceResourceTest.fcmToken();
        register("agent-u1", android, "android");
        providers.fcm.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        UUID requestId = UUID.randomUUID();
        Requests.publish(push(requestId, "agent-u1").build());

        UUID id = Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(Requests.attempts(id)).containsExactly("fcm-a:unknown", "fcm-a:accepted");
        assertThat(providers.fcm.messagesTo(android)).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (FcmMessage m : providers.fcm.messagesTo(android)) {
            var android1 = json.readTree(m.requestJson()).path("message").path("android");
            assertThat(android1.path("notification").path("tag").asText()).isEqualTo(id.toString());
            assertThat(android1.path("collapse_key").asText()).isEqualTo(id.toString());
        }
    }

    @Test
    void anApnsPushWhoseOutcomeACrashLeftUnknownIsSentAgainUnderTheSameCollapseId() {
        String iphone = DeviceResourceTest.apnsToken();
        String device = register("agent-u2", iphone, "ios");
        UUID requestId = UUID.randomUUID();
        Requests.publish(push(requestId, "agent-u2").withNotBefore(Instant.now().plus(Duration.ofHours(1))).build());
        UUID id = Requests.awaitStatus(tenant, requestId, "queued");
        Requests.crashedDuringTheCall(id, "apns-a", UUID.fromString(device));

        Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(Requests.attempts(id)).containsExactly("apns-a:unknown", "apns-a:accepted");
        assertThat(providers.apns.pushesTo(iphone)).hasSize(1);
        assertThat(providers.apns.pushesTo(iphone).get(0).collapseId()).isEqualTo(id.toString());
        assertThat(Db.one("SELECT error_message FROM delivery_attempt WHERE notification_id = ? AND attempt_no = 1", id).toString())
                .contains("same message id");
    }
}

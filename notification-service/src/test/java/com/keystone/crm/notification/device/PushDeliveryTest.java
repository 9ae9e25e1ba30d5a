package com.keystone.crm.notification.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.LeadAssigned;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.apns.ApnsPush;
import com.keystone.crm.tools.fakes.fcm.FcmMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push through the delivery queue: lead.assigned → "new lead" to every device of the assigned agent, FCM (the OAuth2
 * service-account flow against the FCM fake) for Android and APNs (Pushy against its mock server) for iOS; tokens the
 * provider reports invalid remove the device; preferences and missing devices.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class PushDeliveryTest {
    final TestProviders providers = TestProviders.get();
    final String tenant = "push-" + UUID.randomUUID().toString().substring(0, 8);

    String register(String user, String token, String platform, boolean leadAlerts) {
        Map<String, Object> body = DeviceResourceTest.device(token, platform);
        body.put("leadAlerts", leadAlerts);
        return given().auth().oauth2(TestTokens.token(tenant, user, "team-1", "agent")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    LeadAssigned assigned(UUID leadId, String agent, long version) {
        return LeadAssigned.builder().withLeadId(leadId).withTenantId(tenant).withVersion(version)
                .withOccurredAt(Instant.now()).withAssignedAgentId(agent).withMethod(LeadAssigned.Method.ROUND_ROBIN)
                .withAssignedBy("routing").build();
    }

    static UUID requestIdOf(String tenant, UUID leadId) {
        return (UUID) Db.one("SELECT request_id FROM notification WHERE tenant_id = ? AND lead_id = ? AND channel = 'push'", tenant, leadId);
    }

    @Test
    void aLeadAssignmentPushesOnceToEachOfTheAgentsPhones() {
        String android = DeviceResourceTest.fcmToken();
        String iphone = DeviceResourceTest.apnsToken();
        register("agent-7", android, "android", true);
        register("agent-7", iphone, "ios", true);
        UUID leadId = UUID.randomUUID();
        LeadAssigned event = assigned(leadId, "agent-7", 3);
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), eventId, "/lead-service", event);
        KafkaEvents.publish(leadId.toString(), eventId, "/lead-service", event);          // redelivered
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", event); // re-published

        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> requestIdOf(tenant, leadId) != null);
        UUID id = Requests.awaitStatus(tenant, requestIdOf(tenant, leadId), "sent");
        assertThat(providers.fcm.messagesTo(android)).hasSize(1);
        FcmMessage fcm = providers.fcm.messagesTo(android).get(0);
        assertThat(fcm.title()).isEqualTo("New lead assigned to you");
        assertThat(fcm.data()).containsEntry("type", "lead-assigned").containsEntry("leadId", leadId.toString())
                .containsEntry("deliveryId", id.toString());
        assertThat(providers.apns.pushesTo(iphone)).hasSize(1);
        ApnsPush push = providers.apns.pushesTo(iphone).get(0);
        assertThat(push.title()).isEqualTo("New lead assigned to you");
        assertThat(push.topic()).isEqualTo(TestProviders.APP_ID);
        assertThat(push.collapseId()).isEqualTo(id.toString());
        assertThat(push.payload()).contains(leadId.toString());
        assertThat(Requests.attempts(id)).containsExactlyInAnyOrder("fcm-a:accepted", "apns-a:accepted");
        assertThat(Db.count("SELECT count(*) FROM notification WHERE tenant_id = ? AND lead_id = ?", tenant, leadId)).isEqualTo(1);

        CapturedEvent sent = KafkaEvents.awaitEvent("notification.delivered", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(sent);
        assertThat(sent.value().get("channel").asText()).isEqualTo("push");
        assertThat(sent.value().get("userId").asText()).isEqualTo("agent-7");
    }

    @Test
    void anUnregisteredTokenRemovesTheDeviceAndTheOthersStillGetIt() {
        String stale = DeviceResourceTest.fcmToken();
        String staleIphone = DeviceResourceTest.apnsToken();
        String fresh = DeviceResourceTest.fcmToken();
        String staleId = register("agent-8", stale, "android", true);
        String staleIphoneId = register("agent-8", staleIphone, "ios", true);
        register("agent-8", fresh, "android", true);
        providers.fcm.unregister(stale);
        providers.apns.unregister(staleIphone);
        UUID leadId = UUID.randomUUID();
        KafkaEvents.publish(leadId.toString(), UUID.randomUUID(), "/lead-service", assigned(leadId, "agent-8", 1));

        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> requestIdOf(tenant, leadId) != null);
        UUID id = Requests.awaitStatus(tenant, requestIdOf(tenant, leadId), "sent");
        assertThat(providers.fcm.messagesTo(fresh)).hasSize(1);
        assertThat(Db.count("SELECT count(*) FROM device WHERE id IN (?::uuid, ?::uuid)", staleId, staleIphoneId)).isZero();
        assertThat(Db.count("SELECT count(*) FROM device WHERE tenant_id = ? AND user_id = 'agent-8'", tenant)).isEqualTo(1);
        assertThat(Db.rows("SELECT error_code FROM delivery_attempt WHERE notification_id = ? AND outcome = 'recipient-fault'", id))
                .extracting(r -> r.get("error_code")).containsExactlyInAnyOrder("UNREGISTERED", "Unregistered");
    }

    @Test
    void anAgentWithoutDevicesOrWithLeadAlertsOffGetsNoDeviceFailure() {
        register("agent-quiet", DeviceResourceTest.fcmToken(), "android", false);
        UUID quietLead = UUID.randomUUID();
        UUID nobodyLead = UUID.randomUUID();
        KafkaEvents.publish(quietLead.toString(), UUID.randomUUID(), "/lead-service", assigned(quietLead, "agent-quiet", 1));
        KafkaEvents.publish(nobodyLead.toString(), UUID.randomUUID(), "/lead-service", assigned(nobodyLead, "agent-without-phone", 1));

        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> requestIdOf(tenant, quietLead) != null
                && requestIdOf(tenant, nobodyLead) != null);
        for (UUID lead : new UUID[] {quietLead, nobodyLead}) {
            UUID id = Requests.awaitStatus(tenant, requestIdOf(tenant, lead), "failed");
            assertThat(Requests.column("failure_reason", id)).isEqualTo("no-device");
            CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
            KafkaEvents.assertSchemaValid(failed);
            assertThat(failed.value().get("reason").asText()).isEqualTo("no-device");
            assertThat(Requests.attempts(id)).isEmpty();
        }
    }

    @Test
    void aRequestedPushToAUserRetriesAfterAProviderFaultWithoutRepeatingTheDevicesReached() throws Exception {
        String android = DeviceResourceTest.fcmToken();
        String iphone = DeviceResourceTest.apnsToken();
        register("agent-9", android, "android", false); // not a lead alert: the preference does not apply
        register("agent-9", iphone, "ios", true);
        providers.apns.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        UUID requestId = UUID.randomUUID();
        NotificationRequested request = NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant)
                .withVersion(1L).withOccurredAt(Instant.now()).withChannel(Channel.PUSH)
                .withCategory(NotificationRequested.Category.TRANSACTIONAL)
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.USER).withUserId("agent-9").build())
                .withSubject("Showing in 30 minutes").withBody("123 Main St with the Does")
                .withTemplateVariables(Map.of("taskId", "t-42")).withRequestedBy("workflow:wf-reminders").build();
        Requests.publish(request);

        UUID id = Requests.awaitStatus(tenant, requestId, "sent");
        assertThat(Requests.attempts(id)).containsExactlyInAnyOrder("fcm-a:accepted", "apns-a:provider-fault", "apns-a:accepted");
        assertThat(providers.fcm.messagesTo(android)).hasSize(1);
        assertThat(providers.fcm.messagesTo(android).get(0).data()).containsEntry("taskId", "t-42");
        assertThat(providers.apns.pushesTo(iphone)).hasSize(1);
        assertThat(new ObjectMapper().readTree(providers.apns.pushesTo(iphone).get(0).payload()).path("aps").path("alert")
                .path("body").asText()).isEqualTo("123 Main St with the Does");
    }
}

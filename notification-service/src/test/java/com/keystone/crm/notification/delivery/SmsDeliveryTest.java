package com.keystone.crm.notification.delivery;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.notification.delivery.service.DeliveryProcessor;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.twilio.TwilioMessage;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** SMS through the Twilio SDK against two Twilio fakes: one message per request, failover, reconciliation. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SmsDeliveryTest {
    static final String TENANT = "acme";
    final TestProviders providers = TestProviders.get();
    @Inject
    DeliveryProcessor processor;

    @AfterEach
    void clearFaults() {
        providers.twilioA.clearFaults();
        providers.twilioB.clearFaults();
    }

    static String number() {
        return "+1212555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    @Test
    void aRequestSendsOneSmsAndTheStatusCallbackMarksItDelivered() {
        String to = number();
        UUID requestId = UUID.randomUUID();
        UUID leadId = UUID.randomUUID();
        var request = Requests.sms(TENANT, requestId, to, "transactional").withLeadId(leadId).build();
        Requests.publish(request);
        Requests.publish(request);

        UUID id = Requests.awaitStatus(TENANT, requestId, "delivered");
        List<TwilioMessage> sent = providers.twilioA.messagesTo(to);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).statusCallback()).isEqualTo(providers.baseUrl() + "/webhooks/twilio/status?n=" + id);
        assertThat(sent.get(0).from()).isEqualTo(TestProviders.OUR_NUMBER);
        assertThat(providers.twilioB.messagesTo(to)).isEmpty();

        CapturedEvent delivered = KafkaEvents.awaitEvent("notification.delivered",
                e -> e.key().equals(id.toString()) && e.value().get("status").asText().equals("delivered"));
        KafkaEvents.assertSchemaValid(delivered);
        assertThat(delivered.value().get("providerMessageId").asText()).isEqualTo(sent.get(0).sid());
        assertThat(delivered.value().get("leadId").asText()).isEqualTo(leadId.toString());
        // the acceptance's event first, the confirmation's after it: versions in order, the same delivery's fields
        CapturedEvent accepted = KafkaEvents.awaitEvent("notification.delivered",
                e -> e.key().equals(id.toString()) && e.value().get("status").asText().equals("sent"));
        assertThat(delivered.value().get("version").asLong()).isEqualTo(accepted.value().get("version").asLong() + 1);
        for (String field : List.of("requestId", "channel", "provider", "attempt", "tenantId")) {
            assertThat(delivered.value().get(field)).as(field).isEqualTo(accepted.value().get(field));
        }

        String admin = TestTokens.token(TENANT, "admin-1", "team-1", "admin");
        given().auth().oauth2(admin).get("/api/v1/notifications/" + id).then().statusCode(200)
                .body("status", equalTo("delivered")).body("attempts", hasSize(1))
                .body("attempts[0].provider", equalTo("twilio-a")).body("attempts[0].outcome", equalTo("accepted"))
                .body("providerMessageId", equalTo(sent.get(0).sid()));
        given().auth().oauth2(admin).get("/api/v1/notifications?leadId=" + leadId).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id.toString()))
                .body("items[0].status", equalTo("delivered"));
        // another tenant does not see it
        given().auth().oauth2(TestTokens.token("other", "admin-2", "team-9", "admin"))
                .get("/api/v1/notifications/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aFailingProviderFailsOverToTheNextOne() {
        providers.twilioA.failAlways(FailureMode.SERVICE_UNAVAILABLE);
        String to = number();
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(TENANT, requestId, "sent", "delivered");
        assertThat(providers.twilioB.messagesTo(to)).hasSize(1);
        assertThat(providers.twilioA.messagesTo(to)).isEmpty();
        given().auth().oauth2(TestTokens.token(TENANT, "admin-1", "team-1", "admin")).get("/api/v1/notifications/providers")
                .then().statusCode(200).body("find { it.name == 'twilio-b' }.breaker", equalTo("closed"))
                .body("find { it.name == 'smtp-a' }.channel", equalTo("email"));
        given().auth().oauth2(TestTokens.token(TENANT, "agent-1", "team-1", "agent")).get("/api/v1/notifications/providers")
                .then().statusCode(403);
        assertThat(Requests.attempts(id)).last().isEqualTo("twilio-b:accepted");
        assertThat(Requests.attempts(id)).first().asString().startsWith("twilio-a:");
    }

    @Test
    void aRefusedRecipientDoesNotFailOver() {
        String to = number();
        providers.twilioA.rejectRecipient(to, 21211);
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(TENANT, requestId, "failed");
        assertThat(Requests.attempts(id)).containsExactly("twilio-a:recipient-fault");
        assertThat(providers.twilioB.messagesTo(to)).isEmpty();
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(id.toString()));
        KafkaEvents.assertSchemaValid(failed);
        assertThat(failed.value().get("reason").asText()).isEqualTo("invalid-address");
        assertThat(failed.value().get("errorCode").asText()).isEqualTo("21211");
    }

    @Test
    void anAnswerThatNeverCameIsReconciledNotResent() {
        providers.twilioA.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        String to = number();
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, requestId, to, "transactional").build());

        UUID id = Requests.awaitStatus(TENANT, requestId, "sent", "delivered");
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
        assertThat(providers.twilioB.messagesTo(to)).isEmpty();
        assertThat(Requests.attempts(id)).containsExactly("twilio-a:accepted");
        assertThat(Requests.column("provider_message_id", id)).isEqualTo(providers.twilioA.messagesTo(to).get(0).sid());
    }

    @Test
    void aCrashAfterTheProviderAcceptedIsReconciledFromTheProvidersList() {
        // the process died after Twilio took the message and before the answer was recorded
        String to = number();
        String body = "Your showing is confirmed " + UUID.randomUUID();
        TwilioRestClient client = new TwilioRestClient.Builder(providers.twilioA.accountSid(), providers.twilioA.authToken())
                .httpClient(new com.twilio.http.NetworkHttpClient(org.apache.hc.client5.http.impl.classic.HttpClientBuilder.create()
                        .setRoutePlanner((host, ctx) -> new org.apache.hc.client5.http.HttpRoute(
                                new org.apache.hc.core5.http.HttpHost("http", "localhost", providers.twilioA.port())))))
                .build();
        String sid = Message.creator(new PhoneNumber(to), new PhoneNumber(TestProviders.OUR_NUMBER), body).create(client).getSid();
        UUID id = crashedDelivery(to, body);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(Requests.column("status", id)));
        assertThat(Requests.column("provider_message_id", id)).isEqualTo(sid);
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
        assertThat(Requests.attempts(id)).containsExactly("twilio-a:accepted");
    }

    @Test
    void aCrashBeforeTheProviderTookItSendsOnce() {
        String to = number();
        UUID id = crashedDelivery(to, "Open house on Sunday " + UUID.randomUUID());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> List.of("sent", "delivered").contains(Requests.column("status", id)));
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
        assertThat(Requests.attempts(id)).containsExactly("twilio-a:not-sent", "twilio-a:accepted");
    }

    /**
     * Fencing by claim: a worker whose lease another replica (or slot) has taken over calls no provider and records no
     * attempt; the claim holding the lease sends. Without the fence both would send.
     */
    @Test
    void aClaimWhoseLeaseWasTakenOverCallsNoProvider() {
        String to = number();
        UUID id = UUID.randomUUID();
        Db.rows("INSERT INTO notification (id, tenant_id, request_id, channel, category, recipient_kind, address, requested_by, "
                + "body, sender, status, attempts, due_at, lease_owner, lease_expires_at, created_at, updated_at) "
                + "VALUES (?, 'acme', ?, 'sms', 'transactional', 'address', ?, 'test', 'Your showing is confirmed', ?, 'queued', 0, "
                + "now() - interval '1 minute', 'newer-instance/delivery/1', now() + interval '1 hour', now(), now()) RETURNING id",
                id, UUID.randomUUID(), to, TestProviders.OUR_NUMBER);

        processor.deliver(id, "older-instance/delivery/7");
        assertThat(providers.twilioA.messagesTo(to)).isEmpty();
        assertThat(Requests.attempts(id)).isEmpty();

        processor.deliver(id, "newer-instance/delivery/1");
        assertThat(providers.twilioA.messagesTo(to)).hasSize(1);
        assertThat(Requests.attempts(id)).containsExactly("twilio-a:accepted");
    }

    /**
     * A delivery as a killed process leaves it: status sending, an attempt pending, the lease run out. Both rows in one
     * statement (one transaction): the worker must never claim the delivery before its pending attempt exists.
     */
    static UUID crashedDelivery(String to, String body) {
        UUID id = UUID.randomUUID();
        Db.rows("WITH n AS (INSERT INTO notification (id, tenant_id, request_id, channel, category, recipient_kind, address, "
                + "requested_by, body, sender, status, attempts, due_at, provider, lease_owner, lease_expires_at, created_at, updated_at) "
                + "VALUES (?, 'acme', ?, 'sms', 'transactional', 'address', ?, 'test', ?, ?, 'sending', 1, now() - interval '1 minute', "
                + "'twilio-a', 'dead-instance', now() - interval '1 second', now(), now()) RETURNING id) "
                + "INSERT INTO delivery_attempt (id, notification_id, attempt_no, provider, outcome, started_at) "
                + "SELECT ?, n.id, 1, 'twilio-a', 'pending', now() - interval '5 seconds' FROM n RETURNING notification_id",
                id, UUID.randomUUID(), to, body, TestProviders.OUR_NUMBER, UUID.randomUUID());
        return id;
    }
}

package com.keystone.crm.notification.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.tools.fakes.aws.SesEventType;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import com.keystone.crm.tools.fakes.http.WebhookCall;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** POST /webhooks/ses: only SNS messages signed by a trusted certificate, of the subscribed topic, applied once. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SesWebhookTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestProviders providers = TestProviders.get();
    SesSnsFake aws;
    String tenant;
    String to;
    UUID id;
    String sesId;

    @BeforeEach
    void aDeliveredMail() {
        aws = providers.sesSubscribed();
        aws.clearFaults();
        tenant = "sns-" + UUID.randomUUID().toString().substring(0, 8);
        Db.rows("INSERT INTO tenant_settings (tenant_id, email_providers, updated_at) VALUES (?, 'ses-a', now()) RETURNING tenant_id", tenant);
        to = "lead-" + UUID.randomUUID() + "@example.com";
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.email(tenant, requestId, to, "marketing").build());
        id = Requests.awaitStatus(tenant, requestId, "delivered");
        sesId = aws.emailsTo(to).get(0).messageId();
    }

    /** A correctly signed bounce of the delivered mail, as SNS would post it (not yet received by the service). */
    String signedBounce() {
        // the fake posts to every confirmed subscriber; the service applies it, so the body is a replay afterwards
        List<WebhookCall> calls = aws.publishEvent(sesId, to, SesEventType.BOUNCE_PERMANENT);
        return calls.get(0).body();
    }

    int post(String body, String type) {
        var request = given().contentType("text/plain; charset=UTF-8").body(body);
        if (type != null) {
            request = request.header("x-amz-sns-message-type", type);
        }
        return request.post("/webhooks/ses").then().extract().statusCode();
    }

    String tampered(String body, Consumer<ObjectNode> change) throws Exception {
        ObjectNode message = (ObjectNode) JSON.readTree(body);
        change.accept(message);
        return message.toString();
    }

    void unchanged() {
        assertThat(Requests.column("status", id)).isEqualTo("delivered");
        assertThat(Db.count("SELECT count(*) FROM suppression WHERE tenant_id = ?", tenant)).isZero();
    }

    @Test
    void forgedForeignAndMalformedMessagesAreRefusedAndChangeNothing() throws Exception {
        // a valid bounce the fake signed, but for another (unknown) SNS message id it never sent: take the body of a
        // delivery notification already applied and rework it
        WebhookCall applied = aws.notificationCalls().stream()
                .filter(c -> c.body().contains(sesId)).findFirst().orElseThrow();
        String body = applied.body();
        String bounce = body.replace("\\\"notificationType\\\":\\\"Delivery\\\"", "\\\"notificationType\\\":\\\"Bounce\\\"");

        assertThat(post(bounce, "Notification")).isEqualTo(403); // the Message changed: the signature fails
        assertThat(post(tampered(body, m -> m.put("MessageId", UUID.randomUUID().toString())), "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("SigningCertURL", "https://evil.example/SimpleNotificationService-1.pem")),
                "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("SigningCertURL", aws.baseUrl() + ".evil.example/cert.pem")),
                "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:other")), "Notification"))
                .isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("SignatureVersion", "3")), "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("Signature", "AAAA")), "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.remove("Signature")), "Notification")).isEqualTo(403);
        assertThat(post(tampered(body, m -> m.put("Type", "Mystery")), null)).isEqualTo(403);
        assertThat(post(body.replaceFirst("\\{", "{\"Type\":\"Notification\","), "Notification")).isEqualTo(403); // duplicate key
        assertThat(post(body, "SubscriptionConfirmation")).isEqualTo(403); // the header contradicts the body
        assertThat(post("not json", "Notification")).isEqualTo(403);
        assertThat(post("[1,2]", "Notification")).isEqualTo(403);
        given().contentType(ContentType.TEXT).body("").post("/webhooks/ses").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("text/plain").body(tampered(body, m -> m.put("Signature", "AAAA"))).post("/webhooks/ses")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        unchanged();
    }

    @Test
    void aReplayedNotificationIsRefusedAndAppliedOnlyOnce() {
        String bounce = signedBounce(); // delivered once by the fake: applied
        assertThat(Requests.column("status", id)).isEqualTo("failed");
        assertThat(Db.count("SELECT count(*) FROM suppression WHERE tenant_id = ?", tenant)).isEqualTo(1);
        String events = Requests.column("event_version", id);

        assertThat(post(bounce, "Notification")).isEqualTo(403);
        assertThat(Requests.column("event_version", id)).isEqualTo(events);
        assertThat(Db.count("SELECT count(*) FROM suppression_audit WHERE tenant_id = ?", tenant)).isEqualTo(1);
    }

    @Test
    void aNotificationForAnUnknownMailIsAcknowledgedAndIgnored() {
        List<WebhookCall> calls = aws.publish(null, "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"" + to + "\"}]},\"mail\":{\"messageId\":\"no-such-mail\"}}");
        assertThat(calls).extracting(WebhookCall::status).containsOnly(204);
        List<WebhookCall> junk = aws.publish("hello", "this is not SES");
        assertThat(junk).extracting(WebhookCall::status).containsOnly(204);
        unchanged();
    }
}

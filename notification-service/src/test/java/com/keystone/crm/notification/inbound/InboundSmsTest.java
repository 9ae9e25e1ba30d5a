package com.keystone.crm.notification.inbound;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.tools.fakes.http.WebhookCall;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import com.keystone.crm.tools.fakes.twilio.TwilioMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Inbound SMS through the Twilio fake's signed webhooks: STOP, START, HELP, replies; forged and replayed webhooks. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class InboundSmsTest {
    static final String TENANT = "acme";
    final TestProviders providers = TestProviders.get();

    static String number() {
        return "+1646555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    /** A text of {@code category} to the number, delivered; answers its delivery id. */
    UUID delivered(String to, UUID leadId, String category) {
        UUID requestId = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, requestId, to, category).withLeadId(leadId).withWorkflowId("wf-7")
                .withRecipient(com.keystone.crm.platform.contracts.events.Recipient.builder()
                        .withKind(com.keystone.crm.platform.contracts.events.Recipient.Kind.ADDRESS).withPhone(to)
                        // UTC+14, often night there: the tests send transactional texts, which quiet hours never hold
                        .withTimezone("Pacific/Kiritimati").build())
                .build());
        return Requests.awaitStatus(TENANT, requestId, "delivered", "sent");
    }

    @Test
    void stopSuppressesMarketingPublishesOptedOutAndConfirmsOnce() {
        String from = number();
        UUID leadId = UUID.randomUUID();
        UUID last = delivered(from, leadId, "transactional");

        TwilioFake.InboundResult stop = providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "Stop");
        assertThat(stop.webhook().status()).isEqualTo(200);
        CapturedEvent optedOut = KafkaEvents.awaitEvent("contact.opted-out", e -> e.value().get("address").asText().equals(from));
        KafkaEvents.assertCloudEvent(optedOut, "contact.opted-out", "/notification-service");
        KafkaEvents.assertSchemaValid(optedOut);
        assertThat(optedOut.value().get("source").asText()).isEqualTo("sms-keyword");
        assertThat(optedOut.value().get("keyword").asText()).isEqualTo("STOP");
        assertThat(optedOut.value().get("leadId").asText()).isEqualTo(leadId.toString());
        CapturedEvent replied = KafkaEvents.awaitEvent("notification.replied", e -> e.value().get("from").asText().equals(from));
        KafkaEvents.assertSchemaValid(replied);
        assertThat(replied.value().get("optOut").asBoolean()).isTrue();
        assertThat(replied.value().get("deliveryId").asText()).isEqualTo(last.toString());

        // a second STOP: no second confirmation
        providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "STOP");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outbound(from).size() == 2);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> outbound(from).size() == 2);
        assertThat(outbound(from).get(1).body()).contains("unsubscribed");

        // marketing is suppressed with a reason; transactional still goes
        UUID marketing = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, marketing, from, "marketing").build());
        UUID suppressed = Requests.awaitStatus(TENANT, marketing, "failed");
        assertThat(Requests.column("failure_reason", suppressed)).isEqualTo("suppressed");
        CapturedEvent failed = KafkaEvents.awaitEvent("notification.failed", e -> e.key().equals(suppressed.toString()));
        assertThat(failed.value().get("reason").asText()).isEqualTo("suppressed");
        UUID transactional = UUID.randomUUID();
        Requests.publish(Requests.sms(TENANT, transactional, from, "transactional").build());
        Requests.awaitStatus(TENANT, transactional, "sent", "delivered");
        assertThat(outbound(from)).hasSize(3);

        // START re-subscribes (and confirms)
        providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "start");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outbound(from).size() == 4);
        assertThat(Db.one("SELECT count(*) FROM suppression WHERE address = ?", from)).isEqualTo(0L);
        assertThat(Db.one("SELECT count(*) FROM suppression_audit WHERE address = ? AND action = 'removed'", from)).isEqualTo(1L);
        // a keyword the service answers is not the lead writing back: only the STOP was notification.replied
        assertRepliesStay(from, "Stop", "STOP");
    }

    @Test
    void anyOtherTextIsAReplyLinkedToTheLastMessageAndHelpAnswers() {
        String from = number();
        UUID leadId = UUID.randomUUID();
        UUID last = delivered(from, leadId, "transactional");

        providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "Is the house on Elm St still available?");
        CapturedEvent replied = KafkaEvents.awaitEvent("notification.replied",
                e -> e.value().get("from").asText().equals(from) && e.value().get("body").asText().startsWith("Is the house"));
        KafkaEvents.assertSchemaValid(replied);
        assertThat(replied.value().get("optOut").asBoolean()).isFalse();
        assertThat(replied.value().get("deliveryId").asText()).isEqualTo(last.toString());
        assertThat(replied.value().get("leadId").asText()).isEqualTo(leadId.toString());
        assertThat(replied.value().get("workflowId").asText()).isEqualTo("wf-7");

        providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "HELP");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outbound(from).size() == 2);
        assertThat(outbound(from).get(1).body()).contains("Reply STOP");
        // HELP is answered, not passed on as the lead's reply
        assertRepliesStay(from, "Is the house on Elm St still available?");
    }

    /** The notification.replied events from this number are these (any order), and stay so for two seconds. */
    private static void assertRepliesStay(String from, String... bodies) {
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaEvents.readAll("notification.replied").stream().filter(e -> e.value().get("from").asText().equals(from))
                        .map(e -> e.value().get("body").asText()).toList()).containsExactlyInAnyOrder(bodies));
    }

    @Test
    void forgedAndReplayedWebhooksAreRefusedAndChangeNothing() {
        String from = number();
        TwilioFake.InboundResult first = providers.twilioA.injectInbound(from, TestProviders.OUR_NUMBER, "hello?");
        assertThat(first.webhook().status()).isEqualTo(200);
        long repliesBefore = Db.count("SELECT count(*) FROM webhook_receipt");

        WebhookCall call = first.webhook();
        String signature = call.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("X-Twilio-Signature"))
                .findFirst().orElseThrow().getValue();
        // replayed exactly as Twilio sent it
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Twilio-Signature", signature).body(call.body())
                .post("/webhooks/twilio/inbound").then().statusCode(403).contentType("application/problem+json");
        // the body changed under the signature (a STOP the number never sent)
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Twilio-Signature", signature)
                .body(call.body().replaceAll("Body=[^&]*", "Body=STOP"))
                .post("/webhooks/twilio/inbound").then().statusCode(403);
        // no signature at all; a status callback signed with another account's token
        given().contentType(ContentType.URLENC).body("MessageSid=SMx&From=%2B1&To=%2B1&Body=STOP&AccountSid=" + providers.twilioA.accountSid())
                .post("/webhooks/twilio/inbound").then().statusCode(403);
        given().contentType(ContentType.URLENC).header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .queryParam("n", UUID.randomUUID().toString())
                .body("MessageSid=SMx&MessageStatus=delivered&AccountSid=" + providers.twilioA.accountSid())
                .post("/webhooks/twilio/status").then().statusCode(403);
        // a JSON body where Twilio sends a form
        given().contentType(ContentType.JSON).body("{}").post("/webhooks/twilio/inbound").then().statusCode(415);

        assertThat(Db.count("SELECT count(*) FROM webhook_receipt")).isEqualTo(repliesBefore);
        assertThat(Db.one("SELECT count(*) FROM suppression WHERE address = ?", from)).isEqualTo(0L);
    }

    @Test
    void aReplayedStatusCallbackIsRefused() {
        String to = number();
        UUID id = delivered(to, null, "transactional");
        Requests.awaitStatus(TENANT, (UUID) Db.one("SELECT request_id FROM notification WHERE id = ?", id), "delivered");
        WebhookCall callback = providers.twilioA.webhookCalls().stream()
                .filter(c -> c.url().contains(id.toString()) && c.body().contains("MessageStatus=delivered")).findFirst().orElseThrow();
        String signature = callback.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("X-Twilio-Signature"))
                .findFirst().orElseThrow().getValue();
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Twilio-Signature", signature).body(callback.body())
                .post(callback.url().substring(providers.baseUrl().length())).then().statusCode(403);
        assertThat(Requests.column("status", id)).isEqualTo("delivered");
    }

    List<TwilioMessage> outbound(String to) {
        return providers.twilioA.messagesTo(to).stream().filter(m -> !"inbound".equals(m.direction()))
                .sorted(java.util.Comparator.comparing(TwilioMessage::dateCreated)).toList();
    }
}

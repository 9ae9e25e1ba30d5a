package com.keystone.crm.tools.fakes.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Http;
import com.keystone.crm.tools.fakes.support.WebhookReceiver;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TwilioFakeTest {

    private static final PhoneNumber FROM = new PhoneNumber("+15005550006");
    private static TwilioFake fake;
    private static WebhookReceiver receiver;
    private static TwilioRestClient client;

    @BeforeAll
    static void start() throws Exception {
        fake = TwilioFake.start();
        receiver = new WebhookReceiver();
        client = new TwilioRestClient.Builder(fake.accountSid(), fake.authToken())
                .httpClient(new FakeTwilioHttpClient(fake.baseUrl()))
                .build();
    }

    @AfterAll
    static void stop() {
        fake.close();
        receiver.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
        fake.autoDeliver(true);
        receiver.answer(r -> new WebhookReceiver.Answer(200, "text/plain", ""));
    }

    private static Map<String, String> form(WebhookReceiver.Received r) {
        return Http.first(Http.parseForm(r.body()));
    }

    private static boolean validSignature(WebhookReceiver.Received r) {
        return new RequestValidator(fake.authToken()).validate(r.url(), form(r), r.header("X-Twilio-Signature"));
    }

    @Test
    void sdkCreatesAMessageShapedLikeTwilios() {
        Message message = Message.creator(new PhoneNumber("+14155550101"), FROM, "Hello from Keystone")
                .create(client);

        assertThat(message.getSid()).startsWith("SM").hasSize(34);
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getTo()).isEqualTo("+14155550101");
        assertThat(message.getFrom()).isEqualTo(FROM);
        assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(message.getDateCreated()).isNotNull();
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(message.getUri()).isEqualTo("/2010-04-01/Accounts/" + fake.accountSid() + "/Messages/"
                + message.getSid() + ".json");
        assertThat(fake.messagesTo("+14155550101")).extracting(TwilioMessage::body).containsExactly("Hello from Keystone");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus())
                        .isEqualTo(Message.Status.DELIVERED));
        assertThat(Message.fetcher(message.getSid()).fetch(client).getDateSent()).isNotNull();
    }

    @Test
    void statusCallbacksAreSignedAsTwilioSignsThem() {
        String callback = receiver.url("/webhooks/twilio/status?tenant=t1");
        Message message = Message.creator(new PhoneNumber("+14155550102"), FROM, "status please")
                .setStatusCallback(callback).create(client);

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedAt("/webhooks/twilio/status").size() == 2);
        List<WebhookReceiver.Received> calls = receiver.receivedAt("/webhooks/twilio/status");
        assertThat(calls).extracting(r -> form(r).get("MessageStatus")).containsExactly("sent", "delivered");
        assertThat(calls).allSatisfy(r -> {
            assertThat(r.url()).isEqualTo(callback);
            assertThat(form(r)).containsEntry("MessageSid", message.getSid())
                    .containsEntry("AccountSid", fake.accountSid())
                    .containsEntry("To", "+14155550102")
                    .containsEntry("From", FROM.toString());
            assertThat(validSignature(r)).isTrue();
        });
        // a forged change of the status no longer matches the signature
        WebhookReceiver.Received sent = calls.get(0);
        Map<String, String> forged = new java.util.HashMap<>(form(sent));
        forged.put("MessageStatus", "delivered");
        assertThat(new RequestValidator(fake.authToken()).validate(sent.url(), forged,
                sent.header("X-Twilio-Signature"))).isFalse();
        assertThat(new RequestValidator("another-token").validate(sent.url(), form(sent),
                sent.header("X-Twilio-Signature"))).isFalse();
    }

    @Test
    void wrongCredentialsAre401WithTwiliosCode() {
        TwilioRestClient wrong = new TwilioRestClient.Builder(fake.accountSid(), "not-the-token")
                .httpClient(new FakeTwilioHttpClient(fake.baseUrl())).build();

        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550103"), FROM, "x").create(wrong))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getCode()).isEqualTo(20003);
                });
        assertThat(fake.messages()).isEmpty();
    }

    @Test
    void anApiKeyAuthenticatesWhenConfigured() {
        String keySid = "SK" + "1".repeat(32);
        try (TwilioFake withKey = TwilioFake.builder().apiKey(keySid, "key-secret").start()) {
            TwilioRestClient viaKey = new TwilioRestClient.Builder(keySid, "key-secret").accountSid(withKey.accountSid())
                    .httpClient(new FakeTwilioHttpClient(withKey.baseUrl())).build();
            assertThat(Message.creator(new PhoneNumber("+14155550115"), FROM, "via key").create(viaKey).getAccountSid())
                    .isEqualTo(withKey.accountSid());
            TwilioRestClient wrongSecret = new TwilioRestClient.Builder(keySid, "nope").accountSid(withKey.accountSid())
                    .httpClient(new FakeTwilioHttpClient(withKey.baseUrl())).build();
            assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550115"), FROM, "x").create(wrongSecret))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
            // the right credentials for another account's resources are refused as well
            TwilioRestClient otherAccount = new TwilioRestClient.Builder(withKey.accountSid(), withKey.authToken())
                    .accountSid("AC" + "2".repeat(32)).httpClient(new FakeTwilioHttpClient(withKey.baseUrl())).build();
            assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550115"), FROM, "x").create(otherAccount))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
        }
        assertThatThrownBy(() -> TwilioFake.builder().accountSid("XX1").start())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recipientFaultsAreTwilioErrors() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("12345"), FROM, "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
                });
        fake.rejectRecipient("+14155550104", 21610);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550104"), FROM, "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21610));
        fake.rejectRecipient("+14155550108", 20503);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550108"), FROM, "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(e.getCode()).isEqualTo(20503);
                });
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550105"), FROM, "").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21602));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550105"), FROM, "a".repeat(1601))
                .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21617));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550105"), FROM, "x")
                .setStatusCallback("ftp://example.com/status").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21609));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550105"), "MGnot-a-service", "x")
                .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21701));
        assertThat(fake.messages()).isEmpty();
    }

    @Test
    void aCarrierRejectionEndsUndeliveredWithItsCode() {
        fake.rejectRecipient("+14155550106", 30003);
        String callback = receiver.url("/status-30003");
        Message message = Message.creator(new PhoneNumber("+14155550106"), FROM, "x").setStatusCallback(callback)
                .create(client);

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedAt("/status-30003").size() == 2);
        WebhookReceiver.Received last = receiver.receivedAt("/status-30003").get(1);
        assertThat(form(last)).containsEntry("MessageStatus", "undelivered").containsEntry("ErrorCode", "30003");
        assertThat(validSignature(last)).isTrue();
        Message fetched = Message.fetcher(message.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(fetched.getErrorCode()).isEqualTo(30003);
    }

    @Test
    void manualCompletionSendsTheChosenStatus() {
        fake.autoDeliver(false);
        String callback = receiver.url("/manual");
        Message message = Message.creator(new PhoneNumber("+14155550107"), FROM, "x").setStatusCallback(callback)
                .create(client);
        assertThat(fake.message(message.getSid()).orElseThrow().status()).isEqualTo("queued");

        var call = fake.complete(message.getSid(), "failed", 30008);

        assertThat(call.status()).isEqualTo(200);
        assertThat(receiver.receivedAt("/manual")).singleElement().satisfies(r -> {
            assertThat(form(r)).containsEntry("MessageStatus", "failed").containsEntry("ErrorCode", "30008");
            assertThat(validSignature(r)).isTrue();
        });
        assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus()).isEqualTo(Message.Status.FAILED);
        assertThatThrownBy(() -> fake.complete(message.getSid(), "bogus", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagingServiceSendsAreAccepted() {
        String service = "MG" + "0".repeat(32);
        Message message = Message.creator(new PhoneNumber("+14155550108"), service, "via service").create(client);
        assertThat(message.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        assertThat(message.getMessagingServiceSid()).isEqualTo(service);
        assertThat(message.getFrom()).isNull();
    }

    @Test
    void serverErrorsAndRateLimitsAreProviderFaults() throws Exception {
        // the SDK retries a 5xx itself; a fault for every request makes it give up
        fake.failAlways(FailureMode.SERVER_ERROR);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550109"), FROM, "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        fake.clearFaults();

        // the SDK also retries a 429 on its own: one fault is absorbed, a standing one is not
        fake.failNext(1, FailureMode.RATE_LIMITED);
        assertThat(Message.creator(new PhoneNumber("+14155550109"), FROM, "retried").create(client).getBody())
                .isEqualTo("retried");
        assertThat(fake.faults().pending()).isZero();
        fake.failAlways(FailureMode.RATE_LIMITED);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550109"), FROM, "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo(20429);
                });
        fake.clearFaults();
        fake.failNext(1, FailureMode.RATE_LIMITED);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.baseUrl() + "/2010-04-01/Accounts/" + fake.accountSid() + "/Messages.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("Retry-After")).contains("1");
        assertThat(raw.body()).contains("\"code\":20429", "\"more_info\"", "\"status\":429");

        fake.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                + "/2010-04-01/Accounts/" + fake.accountSid() + "/Messages.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(fake.messages()).extracting(TwilioMessage::body).containsExactly("retried");
        // and the fake is healthy again
        assertThat(Message.creator(new PhoneNumber("+14155550109"), FROM, "x").create(client).getSid()).isNotNull();
    }

    @Test
    void aHangIsATimeoutAndAnAcceptedHangLeavesAMessageToReconcile() {
        TwilioRestClient impatient = new TwilioRestClient.Builder(fake.accountSid(), fake.authToken())
                .httpClient(new FakeTwilioHttpClient(fake.baseUrl(), RequestConfig.DEFAULT,
                        SocketConfig.custom().setSoTimeout(Timeout.ofMilliseconds(300)).build()))
                .build();
        fake.failAlways(FailureMode.HANG);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550110"), FROM, "x").create(impatient))
                .isInstanceOf(ApiException.class);
        fake.clearFaults();
        assertThat(fake.messages()).isEmpty();

        fake.failAlways(FailureMode.ACCEPT_THEN_HANG);
        ZonedDateTime before = ZonedDateTime.now().minusMinutes(1);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+14155550110"), FROM, "tag:req-1").create(impatient))
                .isInstanceOf(ApiException.class);
        fake.clearFaults();
        // the outcome was unknown to the sender; the message list by recipient and time tells
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Message> found = new ArrayList<>();
            Message.reader().setTo("+14155550110").setDateSentAfter(before).read(client).forEach(found::add);
            assertThat(found).extracting(Message::getBody).containsExactly("tag:req-1");
        });
    }

    @Test
    void listFiltersAndPagesLikeTwilio() {
        for (int i = 0; i < 5; i++) {
            Message.creator(new PhoneNumber("+14155550111"), FROM, "m" + i).create(client);
        }
        Message.creator(new PhoneNumber("+14155550112"), FROM, "other").create(client);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.messages().stream().allMatch(TwilioMessage::isFinal));

        ResourceSet<Message> pages = Message.reader().setTo("+14155550111").setPageSize(2L).read(client);
        List<String> bodies = new ArrayList<>();
        pages.forEach(m -> bodies.add(m.getBody()));
        assertThat(bodies).containsExactly("m4", "m3", "m2", "m1", "m0");

        List<String> future = new ArrayList<>();
        Message.reader().setDateSentAfter(ZonedDateTime.now().plusDays(1)).read(client)
                .forEach(m -> future.add(m.getSid()));
        assertThat(future).isEmpty();
        List<String> today = new ArrayList<>();
        Message.reader().setFrom(FROM).setDateSentBefore(ZonedDateTime.now().plusMinutes(1)).read(client)
                .forEach(m -> today.add(m.getBody()));
        assertThat(today).hasSize(6);
        assertThatThrownBy(() -> Message.fetcher("SM" + "0".repeat(32)).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void inboundSmsIsASignedWebhookAndTwimlRepliesAreSent() throws Exception {
        fake.inboundWebhook(receiver.url("/webhooks/twilio/inbound"));
        receiver.answer(r -> new WebhookReceiver.Answer(200, "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>You are unsubscribed.</Message>"
                        + "</Response>"));

        TwilioFake.InboundResult result = fake.injectInbound("+14155550113", FROM.toString(), "STOP");

        assertThat(result.webhook().status()).isEqualTo(200);
        WebhookReceiver.Received inbound = receiver.receivedAt("/webhooks/twilio/inbound").get(0);
        assertThat(form(inbound)).containsEntry("From", "+14155550113").containsEntry("To", FROM.toString())
                .containsEntry("Body", "STOP").containsEntry("AccountSid", fake.accountSid())
                .containsEntry("NumMedia", "0").containsEntry("MessageSid", result.message().sid());
        assertThat(validSignature(inbound)).isTrue();
        assertThat(result.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.to()).isEqualTo("+14155550113");
            assertThat(reply.body()).isEqualTo("You are unsubscribed.");
            assertThat(reply.direction()).isEqualTo("outbound-reply");
        });

        // the sink page's form posts here
        receiver.answer(r -> new WebhookReceiver.Answer(403, "text/plain", "forged"));
        HttpResponse<String> viaHttp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.baseUrl() + "/_fake/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("From=%2B14155550113&To=%2B15005550006&Body=hi+there"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaHttp.statusCode()).isEqualTo(200);
        assertThat(viaHttp.body()).contains("\"webhookStatus\":403", "\"replies\":0");
        assertThat(form(receiver.receivedAt("/webhooks/twilio/inbound").get(1))).containsEntry("Body", "hi there");
        assertThat(fake.messages()).filteredOn(m -> m.direction().equals("inbound")).hasSize(2);
    }

    @Test
    void controlEndpointCompletesAMessage() throws Exception {
        fake.autoDeliver(false);
        Message message = Message.creator(new PhoneNumber("+14155550114"), FROM, "x").create(client);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.baseUrl() + "/_fake/messages/" + message.getSid() + "/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Status=undelivered&ErrorCode=30005")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"undelivered\"", "\"error_code\":30005");
        assertThat(Message.fetcher(message.getSid()).fetch(client).getErrorCode()).isEqualTo(30005);
    }

    @Test
    void segmentsAreCountedAsCarriersCount() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
        assertThat(SmsSegments.count("é".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("ê".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("ê".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("😀".repeat(35))).isEqualTo(1);
    }
}

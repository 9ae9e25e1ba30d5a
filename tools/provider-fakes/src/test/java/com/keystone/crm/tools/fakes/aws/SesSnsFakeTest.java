package com.keystone.crm.tools.fakes.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.ThrottledException;

class SesSnsFakeTest {

    private static SesSnsFake aws;
    private static WebhookReceiver receiver;
    private static SesV2Client ses;
    private static SnsClient sns;
    private static SnsMessageVerifier verifier;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKE", "fake-secret"));

    @BeforeAll
    static void start() throws Exception {
        aws = SesSnsFake.start();
        receiver = new WebhookReceiver();
        ses = SesV2Client.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        sns = SnsClient.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        // as notification-service would configure it for the fake (production: https://sns.us-east-1.amazonaws.com/)
        verifier = new SnsMessageVerifier(aws.baseUrl() + "/");
    }

    @AfterAll
    static void stop() {
        ses.close();
        sns.close();
        aws.close();
        receiver.close();
    }

    @AfterEach
    void reset() {
        aws.reset();
        receiver.answer(r -> new WebhookReceiver.Answer(200, "text/plain", ""));
    }

    private static String send(String to) {
        return ses.sendEmail(b -> b.fromEmailAddress("Keystone <noreply@keystone.test>")
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Hello"))
                        .body(body -> body.text(t -> t.data("Hi there")).html(h -> h.data("<p>Hi there</p>")))
                        .headers(h -> h.name("List-Unsubscribe").value("<https://crm.test/u/1>"),
                                h -> h.name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click"))))
                .emailTags(t -> t.name("requestId").value("req-1"))
                .configurationSetName("crm-events")).messageId();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    /** Subscribes the receiver and confirms as a subscriber does: verify, then GET the SubscribeURL. */
    private static void subscribeAndConfirm(String path) throws Exception {
        aws.subscribe(receiver.url(path));
        WebhookReceiver.Received confirmation = receiver.receivedAt(path).get(0);
        assertThat(confirmation.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
        assertThat(verifier.verify(confirmation.body())).isTrue();
        String subscribeUrl = json(confirmation.body()).get("SubscribeURL").asText();
        HttpResponse<String> confirmed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(subscribeUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<SubscriptionArn>" + aws.topicArn());
    }

    private static List<JsonNode> notifications(String path) {
        return receiver.receivedAt(path).stream()
                .filter(r -> "Notification".equals(r.header("x-amz-sns-message-type")))
                .map(r -> {
                    assertThat(verifier.verify(r.body())).as("signature of %s", r.body()).isTrue();
                    try {
                        return JSON.readTree(json(r.body()).get("Message").asText());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void sesSendEmailIsRecordedWithItsHeadersAndTags() {
        String id = send("lead@example.com");

        assertThat(id).matches("0100[0-9a-f]{12}-[0-9a-f-]{36}-000000");
        assertThat(aws.emailsTo("lead@example.com")).singleElement().satisfies(email -> {
            assertThat(email.messageId()).isEqualTo(id);
            assertThat(email.from()).isEqualTo("Keystone <noreply@keystone.test>");
            assertThat(email.subject()).isEqualTo("Hello");
            assertThat(email.text()).isEqualTo("Hi there");
            assertThat(email.html()).isEqualTo("<p>Hi there</p>");
            assertThat(email.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            assertThat(email.tags()).containsEntry("requestId", "req-1");
            assertThat(email.configurationSet()).isEqualTo("crm-events");
            assertThat(email.accessKeyId()).isEqualTo("AKIAFAKEFAKEFAKE");
        });
    }

    @Test
    void sesNotificationsArriveAsSignedSnsMessagesForConfirmedSubscribers() throws Exception {
        subscribeAndConfirm("/webhooks/ses");
        assertThat(aws.subscriptions()).singleElement().satisfies(s -> assertThat(s.confirmed()).isTrue());

        String delivered = send("success@simulator.amazonses.com");
        String bounced = send("bounce@simulator.amazonses.com");
        String complained = send("complaint@simulator.amazonses.com");
        aws.bounce("full@example.com", false);
        String soft = send("full@example.com");

        await().atMost(Duration.ofSeconds(5)).until(() -> notifications("/webhooks/ses").size() == 5);
        List<JsonNode> events = notifications("/webhooks/ses");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("notificationType").asText()).isEqualTo("Delivery");
            assertThat(e.at("/mail/messageId").asText()).isEqualTo(delivered);
            assertThat(e.at("/delivery/recipients/0").asText()).isEqualTo("success@simulator.amazonses.com");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("notificationType").asText()).isEqualTo("Bounce");
            assertThat(e.at("/mail/messageId").asText()).isEqualTo(bounced);
            assertThat(e.at("/bounce/bounceType").asText()).isEqualTo("Permanent");
            assertThat(e.at("/bounce/bouncedRecipients/0/emailAddress").asText())
                    .isEqualTo("bounce@simulator.amazonses.com");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("notificationType").asText()).isEqualTo("Complaint");
            assertThat(e.at("/mail/messageId").asText()).isEqualTo(complained);
            assertThat(e.at("/complaint/complainedRecipients/0/emailAddress").asText())
                    .isEqualTo("complaint@simulator.amazonses.com");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.at("/mail/messageId").asText()).isEqualTo(soft);
            assertThat(e.at("/bounce/bounceType").asText()).isEqualTo("Transient");
        });
        WebhookReceiver.Received any = receiver.receivedAt("/webhooks/ses").get(1);
        assertThat(any.header("x-amz-sns-subscription-arn")).startsWith(aws.topicArn() + ":");
        assertThat(json(any.body()).get("SignatureVersion").asText()).isEqualTo("2");
    }

    @Test
    void aForgedOrRetargetedNotificationFailsVerification() throws Exception {
        aws.subscribeConfirmed(receiver.url("/forged"));
        aws.publish("subject", "{\"notificationType\":\"Delivery\"}");
        String genuine = receiver.receivedAt("/forged").get(0).body();
        assertThat(verifier.verify(genuine)).isTrue();

        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json(genuine);
        node.put("Message", "{\"notificationType\":\"Bounce\"}");
        assertThat(verifier.verify(node.toString())).isFalse();
        var elsewhere = (com.fasterxml.jackson.databind.node.ObjectNode) json(genuine);
        elsewhere.put("SigningCertURL", "http://attacker.test/cert.pem");
        assertThat(verifier.verify(elsewhere.toString())).isFalse();
    }

    @Test
    void pendingSubscriptionsGetNoNotificationsAndTheSdkCanConfirm() throws Exception {
        aws.subscribe(receiver.url("/pending"));
        aws.publish(null, "nobody hears this");
        assertThat(receiver.receivedAt("/pending")).hasSize(1); // the confirmation only

        String token = json(receiver.receivedAt("/pending").get(0).body()).get("Token").asText();
        String arn = sns.confirmSubscription(b -> b.topicArn(aws.topicArn()).token(token)).subscriptionArn();
        assertThat(arn).startsWith(aws.topicArn());
        aws.publish(null, "now it does");
        assertThat(receiver.receivedAt("/pending")).hasSize(2);
        assertThatThrownBy(() -> sns.confirmSubscription(b -> b.topicArn(aws.topicArn()).token("wrong")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void sesRefusesBadRequests() throws Exception {
        assertThatThrownBy(() -> send("not-an-address"))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("Illegal address"));
        assertThatThrownBy(() -> ses.sendEmail(SendEmailRequest.builder().fromEmailAddress("a@keystone.test")
                .destination(d -> d.toAddresses("lead@example.com")).content(c -> c.simple(m -> m
                        .subject(s -> s.data("no body")).body(b -> { }))).build()))
                .isInstanceOf(BadRequestException.class);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                        URI.create(aws.baseUrl() + "/v2/email/outbound-emails"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        HttpResponse<String> badlySigned = http.send(HttpRequest.newBuilder(
                        URI.create(aws.baseUrl() + "/v2/email/outbound-emails"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/20261205/us-east-1/sns/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .header("X-Amz-Date", "20261205T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badlySigned.statusCode()).isEqualTo(403); // scoped to sns, not ses
        assertThat(aws.emails()).isEmpty();
    }

    @Test
    void unverifiedSendersAreRejected() {
        try (SesSnsFake strict = SesSnsFake.builder().verifiedIdentities(Set.of("keystone.test")).start();
             SesV2Client client = SesV2Client.builder().endpointOverride(strict.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> client.sendEmail(b -> b.fromEmailAddress("x@elsewhere.test")
                    .destination(d -> d.toAddresses("lead@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("t")))))))
                    .isInstanceOf(MessageRejectedException.class);
            assertThat(client.sendEmail(b -> b.fromEmailAddress("agent@keystone.test")
                    .destination(d -> d.toAddresses("lead@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("t"))))))
                    .messageId()).isNotBlank();
        }
    }

    @Test
    void rawEmailsAreParsed() {
        String mime = "From: agent@keystone.test\r\nTo: lead@example.com\r\nSubject: Raw one\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nRaw body\r\n";
        ses.sendEmail(b -> b.content(c -> c.raw(r -> r.data(SdkBytes.fromString(mime, StandardCharsets.UTF_8)))));
        assertThat(aws.emails()).singleElement().satisfies(email -> {
            assertThat(email.subject()).isEqualTo("Raw one");
            assertThat(email.to()).containsExactly("lead@example.com");
            assertThat(email.text()).contains("Raw body");
            assertThat(email.raw()).contains("Subject: Raw one");
        });
    }

    @Test
    void snsPublishesSmsWithItsAttributes() {
        String id = sns.publish(b -> b.phoneNumber("+14155550120").message("Your code is 1234")
                .messageAttributes(Map.of("AWS.SNS.SMS.SMSType",
                        MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build(),
                        "AWS.SNS.SMS.SenderID",
                        MessageAttributeValue.builder().dataType("String").stringValue("Keystone").build())))
                .messageId();

        assertThat(aws.smsTo("+14155550120")).singleElement().satisfies(sms -> {
            assertThat(sms.messageId()).isEqualTo(id);
            assertThat(sms.message()).isEqualTo("Your code is 1234");
            assertThat(sms.smsType()).isEqualTo("Transactional");
            assertThat(sms.senderId()).isEqualTo("Keystone");
            assertThat(sms.status()).isEqualTo("delivered");
        });
        assertThatThrownBy(() -> sns.publish(b -> b.phoneNumber("555-0120").message("x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(aws.topicArn()).message("x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.listTopics()).isInstanceOf(SdkException.class);
    }

    @Test
    void optedOutNumbersAreReportedAndTheirSmsDropped() {
        aws.optOut("+14155550121");
        assertThat(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+14155550121")).isOptedOut()).isTrue();
        assertThat(sns.checkIfPhoneNumberIsOptedOut(b -> b.phoneNumber("+14155550122")).isOptedOut()).isFalse();
        sns.publish(b -> b.phoneNumber("+14155550121").message("promo"));
        assertThat(aws.smsTo("+14155550121")).extracting(SnsSms::status).containsExactly("opted-out");
    }

    @Test
    void providerFaultsReachTheSdk() {
        aws.failNext(1, FailureMode.SERVER_ERROR);
        assertThatThrownBy(() -> send("lead@example.com"))
                .isInstanceOfSatisfying(SesV2Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        aws.failNext(1, FailureMode.RATE_LIMITED);
        assertThatThrownBy(() -> send("lead@example.com")).isInstanceOf(TooManyRequestsException.class);
        aws.failNext(1, FailureMode.RATE_LIMITED);
        assertThatThrownBy(() -> sns.publish(b -> b.phoneNumber("+14155550123").message("x")))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        aws.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        assertThatThrownBy(() -> sns.publish(b -> b.phoneNumber("+14155550123").message("x")))
                .isInstanceOfSatisfying(SdkException.class, e -> assertThat(e.getMessage()).contains("503"));
        assertThat(aws.emails()).isEmpty();
        assertThat(aws.smsMessages()).isEmpty();

        aws.failNext(1, FailureMode.HANG);
        assertThatThrownBy(() -> sns.publish(b -> b.phoneNumber("+14155550123").message("x")
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(300)))))
                .isInstanceOf(SdkClientException.class);
        aws.clearFaults();
        aws.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        assertThatThrownBy(() -> sns.publish(b -> b.phoneNumber("+14155550123").message("accepted")
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(300)))))
                .isInstanceOf(SdkClientException.class);
        aws.clearFaults();
        assertThat(aws.smsTo("+14155550123")).extracting(SnsSms::message).containsExactly("accepted");
    }

    @Test
    void signatureVersion1IsSha1() throws Exception {
        try (SesSnsFake v1 = SesSnsFake.builder().signatureVersion("1").start()) {
            v1.subscribeConfirmed(receiver.url("/v1"));
            v1.publish(null, "hello");
            String body = receiver.receivedAt("/v1").get(0).body();
            assertThat(json(body).get("SignatureVersion").asText()).isEqualTo("1");
            assertThat(new SnsMessageVerifier(v1.baseUrl() + "/").verify(body)).isTrue();
        }
        assertThatThrownBy(() -> SesSnsFake.builder().signatureVersion("3").start())
                .isInstanceOf(IllegalArgumentException.class);
    }
}

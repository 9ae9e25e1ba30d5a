package com.keystone.crm.tools.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.keystone.crm.tools.fakes.http.Http;
import com.keystone.crm.tools.fakes.support.WebhookReceiver;
import com.keystone.crm.tools.fakes.twilio.FakeTwilioHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

class ProviderFakesTest {

    @TempDir
    static Path outDir;
    private static ProviderFakes fakes;
    private static WebhookReceiver receiver;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        ProviderFakesSettings settings = ProviderFakesSettings.parse(new String[] {
                "--sink-port", "0", "--twilio-port", "0", "--aws-port", "0", "--fcm-port", "0", "--apns-port", "0",
                "--smtp-port", "0", "--out-dir", outDir.toString(),
                "--twilio-inbound-webhook", receiver.url("/webhooks/twilio/inbound"),
                "--ses-events-url", receiver.url("/webhooks/ses")}, Map.of());
        fakes = ProviderFakes.start(settings);
        fakes.subscribeSesEvents();
    }

    @AfterAll
    static void stop() {
        fakes.close();
        receiver.close();
    }

    private static JsonNode sinkJson() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/api/messages"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void everyChannelLandsOnTheSinkPageNewestFirstAndAnSmsCanBeAnswered() throws Exception {
        // SMS through Twilio (the SDK) and SNS
        TwilioRestClient twilio = new TwilioRestClient.Builder(fakes.twilio().accountSid(), fakes.twilio().authToken())
                .httpClient(new FakeTwilioHttpClient(fakes.twilio().baseUrl())).build();
        Message.creator(new PhoneNumber("+14155550130"), new PhoneNumber("+15005550006"), "Showing at 10?")
                .create(twilio);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret"));
        try (SnsClient sns = SnsClient.builder().endpointOverride(fakes.sesSns().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             SesV2Client ses = SesV2Client.builder().endpointOverride(fakes.sesSns().endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            sns.publish(b -> b.phoneNumber("+14155550131").message("Code 9876"));
            ses.sendEmail(b -> b.fromEmailAddress("noreply@keystone.test").destination(d -> d.toAddresses(
                    "lead@example.com")).content(c -> c.simple(m -> m.subject(s -> s.data("Via SES"))
                    .body(x -> x.text(t -> t.data("ses body"))))));
        }
        // email through SMTP
        Properties props = new Properties();
        props.put("mail.smtp.host", fakes.smtp().host());
        props.put("mail.smtp.port", String.valueOf(fakes.smtp().port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom("agent@keystone.test");
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "lead@example.com");
        mail.setSubject("Via <SMTP>");
        mail.setText("smtp body");
        Transport.send(mail);
        // push through FCM (the written service-account file) and APNs (the written key and certificate)
        GoogleCredentials google;
        try (FileInputStream in = new FileInputStream(fakes.fcmServiceAccountFile().toFile())) {
            google = ServiceAccountCredentials.fromStream(in)
                    .createScoped("https://www.googleapis.com/auth/firebase.messaging");
        }
        google.refresh();
        HttpResponse<String> fcm = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.fcm().sendUrl()))
                .header("Authorization", "Bearer " + google.getAccessToken().getTokenValue())
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"token\":\"fcm-device-token-1234567890\","
                        + "\"notification\":{\"title\":\"New lead\",\"body\":\"via FCM\"}}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fcm.statusCode()).isEqualTo(200);
        ApnsClient apns = new ApnsClientBuilder().setApnsServer(fakes.apns().host(), fakes.apns().port())
                .setTrustedServerCertificateChain(fakes.apnsServerCertificateFile().toFile())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(fakes.apnsSigningKeyFile().toFile(),
                        fakes.settings().apnsTeamId, fakes.settings().apnsKeyId))
                .build();
        try {
            assertThat(apns.sendNotification(new SimpleApnsPushNotification("ab".repeat(32),
                    fakes.settings().apnsTopic, new SimpleApnsPayloadBuilder().setAlertBody("via APNs").build()))
                    .get().isAccepted()).isTrue();
        } finally {
            apns.close().get();
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sinkJson()).hasSize(6));
        JsonNode list = sinkJson();
        assertThat(list.findValuesAsText("provider"))
                .containsExactlyInAnyOrder("twilio", "sns", "ses", "smtp", "fcm", "apns");
        for (int i = 1; i < list.size(); i++) {
            assertThat(java.time.Instant.parse(list.get(i - 1).get("at").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(list.get(i).get("at").asText()));
        }

        String page = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Showing at 10?", "Code 9876", "Via SES", "Via &lt;SMTP&gt;", "via FCM", "via APNs",
                "name=\"from\" value=\"+14155550130\"");

        // the person replies from the page's form: a signed inbound webhook reaches the service
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/reply"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("from=%2B14155550130&to=%2B15005550006&body=Yes+10+works"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(303);
        WebhookReceiver.Received inbound = receiver.receivedAt("/webhooks/twilio/inbound").get(0);
        Map<String, String> form = Http.first(Http.parseForm(inbound.body()));
        assertThat(form).containsEntry("Body", "Yes 10 works").containsEntry("From", "+14155550130");
        assertThat(new RequestValidator(fakes.twilio().authToken()).validate(inbound.url(), form,
                inbound.header("X-Twilio-Signature"))).isTrue();
        assertThat(sinkJson().get(0).get("direction").asText()).isEqualTo("inbound");
        assertThat(sinkJson().get(0).get("status").asText()).isEqualTo("received, webhook 200");

        HttpResponse<String> jsonReply = HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/reply"))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("from=%2B14155550130&to=%2B15005550006&body=STOP"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(jsonReply.body()).get("webhookStatus").asInt()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/reply"))
                .POST(HttpRequest.BodyPublishers.ofString("from=&to=&body=")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(fakes.sink().baseUrl() + "/nope")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        // the SES events endpoint got the subscription handshake
        assertThat(receiver.receivedAt("/webhooks/ses")).first()
                .satisfies(r -> assertThat(r.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation"));
    }

    @Test
    void theFilesAServiceNeedsAreWritten() throws Exception {
        assertThat(Files.readString(fakes.fcmServiceAccountFile())).contains("\"token_uri\" : \""
                + fakes.fcm().tokenUri());
        assertThat(Files.readString(fakes.apnsSigningKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(fakes.apnsServerCertificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(fakes.snsSigningCertificateFile())).startsWith("-----BEGIN CERTIFICATE-----");
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        ProviderFakes.printBanner(fakes, new PrintStream(banner, true, StandardCharsets.UTF_8));
        assertThat(banner.toString(StandardCharsets.UTF_8)).contains("message sink", fakes.twilio().baseUrl(),
                fakes.fcm().sendUrl(), "APNs");
    }

    @Test
    void settingsComeFromTheEnvironmentAndFlagsWin() {
        ProviderFakesSettings s = ProviderFakesSettings.parse(new String[] {"--twilio-port", "9101"},
                Map.of("FAKES_TWILIO_PORT", "9001", "FAKES_SMTP_PORT", "3025", "FAKES_SES_EVENTS_CONFIRMED", "true",
                        "FAKES_OUT_DIR", "/tmp/x"));
        assertThat(s.twilioPort).isEqualTo(9101);
        assertThat(s.smtpPort).isEqualTo(3025);
        assertThat(s.sesEventsConfirmed).isTrue();
        assertThat(s.outDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(ProviderFakesSettings.parse(new String[] {"--help"}, Map.of())).isNull();
        assertThatThrownBy(() -> ProviderFakesSettings.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ProviderFakesSettings.parse(new String[] {"--sink-port"}, Map.of()))
                .hasMessageContaining("missing value");
        assertThatThrownBy(() -> ProviderFakesSettings.parse(new String[] {"--sink-port", "70000"}, Map.of()))
                .hasMessageContaining("bad value");
    }
}

package com.keystone.crm.systemtest;

import com.keystone.crm.tools.fakes.apns.ApnsFake;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import com.keystone.crm.tools.fakes.fcm.FcmFake;
import com.keystone.crm.tools.fakes.mail.SmtpFake;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outside world of the system, in this JVM, each speaking its real protocol to the real client library inside
 * the service processes: Twilio (messages, status callbacks, signed inbound webhooks to notification-service), SMTP
 * (GreenMail), SES v2 (behind SMTP in the email chain), FCM HTTP v1 and APNs (Pushy's mock server), and the MLS
 * simulator (RESO Web API with OAuth2) property-sync-service syncs from. The scenarios read them through their own
 * APIs (messages received, pushes, the feed).
 */
public final class Providers {
    /** The brokerage's sending number (notification-service's default sms-from). */
    public static final String OUR_NUMBER = "+15005550006";
    /** The agent app: the APNs key's topic, the devices' app id. */
    public static final String APP_ID = "com.keystone.crm.agent";

    public final TwilioFake twilio;
    public final SmtpFake smtp;
    public final SesSnsFake ses;
    public final FcmFake fcm;
    public final ApnsFake apns;
    public final MlsSimulator mls;
    private final Path keys;

    private Providers(String notificationUrl, String mlsClientId, String mlsClientSecret) {
        // inbound texts are posted, signed, where Twilio would post them: notification-service's public webhook
        twilio = TwilioFake.builder().inboundWebhook(notificationUrl + "/webhooks/twilio/inbound").start();
        smtp = SmtpFake.start();
        ses = SesSnsFake.start();
        fcm = FcmFake.start();
        apns = ApnsFake.start();
        // a small feed that changes only when a scenario says so
        mls = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(12).photosPerListing(0).seed(16L)
                .oauthClientId(mlsClientId).oauthClientSecret(mlsClientSecret).build());
        try {
            keys = Files.createTempDirectory("system-test-keys");
            Files.write(keys.resolve("fcm-service-account.json"), fcm.serviceAccountJsonBytes());
            Files.writeString(keys.resolve("apns-auth-key.p8"), apns.signingKeyPem(), StandardCharsets.US_ASCII);
            Files.writeString(keys.resolve("apns-server.pem"), apns.serverCertificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "system-test-providers-stop"));
    }

    static Providers start(String notificationUrl, String mlsClientId, String mlsClientSecret) {
        return new Providers(notificationUrl, mlsClientId, mlsClientSecret);
    }

    /** notification-service's providers: these fakes, with the chains the local stack would give it. */
    Map<String, String> notificationConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        String smtpProvider = "crm.notify.providers.smtp.";
        c.put(smtpProvider + "kind", "smtp");
        c.put(smtpProvider + "host", "localhost");
        c.put(smtpProvider + "port", String.valueOf(smtp.port()));
        String twilioProvider = "crm.notify.providers.twilio.";
        c.put(twilioProvider + "kind", "twilio");
        c.put(twilioProvider + "account-sid", twilio.accountSid());
        c.put(twilioProvider + "auth-token", twilio.authToken());
        c.put(twilioProvider + "base-url", twilio.baseUrl());
        // a long code sends about one text a second; the STOP confirmation and a follow-up may meet in one second
        c.put(twilioProvider + "rate-per-second", "10");
        String sesProvider = "crm.notify.providers.ses.";
        c.put(sesProvider + "kind", "ses");
        c.put(sesProvider + "base-url", ses.baseUrl());
        c.put(sesProvider + "region", ses.region());
        c.put(sesProvider + "access-key-id", "AKIAKEYSTONESYSTEM");
        c.put(sesProvider + "secret-access-key", "keystone-system-test-secret");
        String fcmProvider = "crm.notify.providers.fcm.";
        c.put(fcmProvider + "kind", "fcm");
        c.put(fcmProvider + "service-account-file", keys.resolve("fcm-service-account.json").toString());
        c.put(fcmProvider + "base-url", fcm.baseUrl());
        String apnsProvider = "crm.notify.providers.apns.";
        c.put(apnsProvider + "kind", "apns");
        c.put(apnsProvider + "host", apns.host());
        c.put(apnsProvider + "port", String.valueOf(apns.port()));
        c.put(apnsProvider + "team-id", apns.teamId());
        c.put(apnsProvider + "key-id", apns.keyId());
        c.put(apnsProvider + "signing-key-file", keys.resolve("apns-auth-key.p8").toString());
        c.put(apnsProvider + "trusted-certificate-file", keys.resolve("apns-server.pem").toString());
        c.put(apnsProvider + "topic", APP_ID);
        c.put("crm.notify.chains.email", "smtp,ses");
        c.put("crm.notify.chains.sms", "twilio");
        c.put("crm.notify.chains.push", "fcm,apns");
        c.put("crm.notify.defaults.sms-from", OUR_NUMBER);
        return c;
    }

    private void close() {
        twilio.close();
        smtp.close();
        ses.close();
        fcm.close();
        apns.close();
        mls.close();
    }
}

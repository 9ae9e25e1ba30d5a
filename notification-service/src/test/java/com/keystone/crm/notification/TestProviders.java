package com.keystone.crm.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.keystone.crm.platform.testkit.FreePorts;
import com.keystone.crm.tools.fakes.apns.ApnsFake;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import com.keystone.crm.tools.fakes.fcm.FcmFake;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake providers of the test JVM, started once: two SMTP servers (GreenMail, providers smtp-a and smtp-b), an SMTP
 * address with nothing listening (smtp-dead), two Twilio accounts (Twilio fakes, twilio-a and twilio-b) and Amazon
 * SES v2 + SNS (providers ses-a and sns-a (SMS); its bounce/complaint topic delivers to /webhooks/ses once {@link #sesSubscribed()}),
 * FCM HTTP v1 (provider fcm-a, a service-account key file) and APNs (Pushy's mock server, provider apns-a, a .p8 key).
 */
public final class TestProviders {
    public static final String OUR_NUMBER = "+15005550006";
    /** The agent app (the APNs mock's allowed topic). */
    public static final String APP_ID = "com.keystone.crm.agent";

    private static TestProviders instance;

    public final GreenMail smtpA;
    public final GreenMail smtpB;
    public final int deadSmtpPort;
    public final TwilioFake twilioA;
    public final TwilioFake twilioB;
    public final SesSnsFake aws;
    public final FcmFake fcm;
    public final ApnsFake apns;
    private final Path keys;
    public final int httpPort;
    private boolean sesSubscribed;

    private TestProviders() {
        httpPort = FreePorts.outsideEphemeralRange();
        smtpA = new GreenMail(new ServerSetup(FreePorts.outsideEphemeralRange(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpB = new GreenMail(new ServerSetup(FreePorts.outsideEphemeralRange(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpA.start();
        smtpB.start();
        deadSmtpPort = FreePorts.outsideEphemeralRange();
        twilioA = TwilioFake.builder().inboundWebhook(baseUrl() + "/webhooks/twilio/inbound").start();
        twilioB = TwilioFake.builder().start();
        aws = SesSnsFake.start();
        fcm = FcmFake.start();
        apns = ApnsFake.start();
        try {
            keys = Files.createTempDirectory("notification-test-keys");
            Files.write(keys.resolve("fcm-service-account.json"), fcm.serviceAccountJsonBytes());
            Files.writeString(keys.resolve("apns-auth-key.p8"), apns.signingKeyPem(), StandardCharsets.US_ASCII);
            Files.writeString(keys.resolve("apns-server.pem"), apns.serverCertificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            smtpA.stop();
            smtpB.stop();
            twilioA.close();
            twilioB.close();
            aws.close();
            fcm.close();
            apns.close();
        }));
    }

    public static synchronized TestProviders get() {
        if (instance == null) {
            instance = new TestProviders();
        }
        return instance;
    }

    /**
     * Subscribes /webhooks/ses to the fake's SES event topic, with SNS's handshake (the service confirms the signed
     * SubscriptionConfirmation by fetching its SubscribeURL); once per test JVM, with the service up.
     */
    public synchronized SesSnsFake sesSubscribed() {
        if (!sesSubscribed) {
            aws.subscribe(baseUrl() + "/webhooks/ses");
            sesSubscribed = true;
        }
        return aws;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The service's configuration for these providers. */
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.http.test-port", String.valueOf(httpPort));
        c.put("crm.notify.public-base-url", baseUrl());
        smtp(c, "smtp-a", smtpA.getSmtp().getPort());
        smtp(c, "smtp-b", smtpB.getSmtp().getPort());
        smtp(c, "smtp-dead", deadSmtpPort);
        twilio(c, "twilio-a", twilioA);
        twilio(c, "twilio-b", twilioB);
        String ses = "crm.notify.providers.ses-a.";
        c.put(ses + "kind", "ses");
        c.put(ses + "base-url", aws.baseUrl());
        c.put(ses + "region", aws.region());
        c.put(ses + "access-key-id", "AKIAKEYSTONETEST");
        c.put(ses + "secret-access-key", "keystone-test-secret");
        c.put(ses + "rate-per-second", "500");
        c.put(ses + "timeout", "PT2S");
        c.put(ses + "breaker-delay", "PT0.5S");
        String sns = "crm.notify.providers.sns-a.";
        c.put(sns + "kind", "sns");
        c.put(sns + "base-url", aws.baseUrl());
        c.put(sns + "region", aws.region());
        c.put(sns + "access-key-id", "AKIAKEYSTONETEST");
        c.put(sns + "secret-access-key", "keystone-test-secret");
        c.put(sns + "rate-per-second", "500");
        c.put(sns + "timeout", "PT2S");
        c.put(sns + "breaker-delay", "PT0.5S");
        c.put("crm.notify.sns.trusted-cert-url-prefixes", aws.baseUrl() + "/");
        c.put("crm.notify.sns.topic-arns", aws.topicArn());
        String fcmProvider = "crm.notify.providers.fcm-a.";
        c.put(fcmProvider + "kind", "fcm");
        c.put(fcmProvider + "service-account-file", keys.resolve("fcm-service-account.json").toString());
        c.put(fcmProvider + "base-url", fcm.baseUrl());
        c.put(fcmProvider + "rate-per-second", "500");
        c.put(fcmProvider + "timeout", "PT3S");
        c.put(fcmProvider + "breaker-delay", "PT0.5S");
        String apnsProvider = "crm.notify.providers.apns-a.";
        c.put(apnsProvider + "kind", "apns");
        c.put(apnsProvider + "host", apns.host());
        c.put(apnsProvider + "port", String.valueOf(apns.port()));
        c.put(apnsProvider + "team-id", apns.teamId());
        c.put(apnsProvider + "key-id", apns.keyId());
        c.put(apnsProvider + "signing-key-file", keys.resolve("apns-auth-key.p8").toString());
        c.put(apnsProvider + "trusted-certificate-file", keys.resolve("apns-server.pem").toString());
        c.put(apnsProvider + "topic", APP_ID);
        c.put(apnsProvider + "rate-per-second", "500");
        c.put(apnsProvider + "timeout", "PT5S");
        c.put(apnsProvider + "breaker-delay", "PT0.5S");
        c.put("crm.notify.chains.push", "fcm-a,apns-a");
        c.put("crm.notify.chains.email", "smtp-a,smtp-b");
        c.put("crm.notify.chains.sms", "twilio-a,twilio-b");
        c.put("crm.notify.defaults.sms-from", OUR_NUMBER);
        return c;
    }

    private static void smtp(Map<String, String> c, String name, int port) {
        String p = "crm.notify.providers." + name + ".";
        c.put(p + "kind", "smtp");
        c.put(p + "host", "127.0.0.1");
        c.put(p + "port", String.valueOf(port));
        c.put(p + "rate-per-second", "500");
        c.put(p + "timeout", "PT3S");
        c.put(p + "breaker-delay", "PT0.5S");
    }

    private static void twilio(Map<String, String> c, String name, TwilioFake fake) {
        String p = "crm.notify.providers." + name + ".";
        c.put(p + "kind", "twilio");
        c.put(p + "account-sid", fake.accountSid());
        c.put(p + "auth-token", fake.authToken());
        c.put(p + "base-url", fake.baseUrl());
        // the benchmark raises it (a messaging service's pool of numbers): at 500/s the limiter itself capped it near 430/s
        c.put(p + "rate-per-second", System.getProperty("crm.test.twilio-rate-per-second", "500"));
        c.put(p + "timeout", "PT2S");
        c.put(p + "breaker-delay", "PT0.5S");
    }
}

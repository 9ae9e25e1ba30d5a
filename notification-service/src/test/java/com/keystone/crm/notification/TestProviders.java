package com.keystone.crm.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake providers of the test JVM, started once: two SMTP servers (GreenMail, providers smtp-a and smtp-b), an SMTP
 * address with nothing listening (smtp-dead), and two Twilio accounts (Twilio fakes, twilio-a and twilio-b).
 */
public final class TestProviders {
    public static final String OUR_NUMBER = "+15005550006";

    private static TestProviders instance;

    public final GreenMail smtpA;
    public final GreenMail smtpB;
    public final int deadSmtpPort;
    public final TwilioFake twilioA;
    public final TwilioFake twilioB;
    public final int httpPort;

    private TestProviders() {
        httpPort = freePort();
        smtpA = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpB = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtpA.start();
        smtpB.start();
        deadSmtpPort = freePort();
        twilioA = TwilioFake.builder().inboundWebhook(baseUrl() + "/webhooks/twilio/inbound").start();
        twilioB = TwilioFake.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            smtpA.stop();
            smtpB.stop();
            twilioA.close();
            twilioB.close();
        }));
    }

    public static synchronized TestProviders get() {
        if (instance == null) {
            instance = new TestProviders();
        }
        return instance;
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
        c.put(p + "rate-per-second", "500");
        c.put(p + "timeout", "PT2S");
        c.put(p + "breaker-delay", "PT0.5S");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

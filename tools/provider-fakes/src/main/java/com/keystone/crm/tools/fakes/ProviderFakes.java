package com.keystone.crm.tools.fakes;

import com.keystone.crm.tools.fakes.apns.ApnsFake;
import com.keystone.crm.tools.fakes.aws.SesSnsFake;
import com.keystone.crm.tools.fakes.fcm.FcmFake;
import com.keystone.crm.tools.fakes.http.Certificates;
import com.keystone.crm.tools.fakes.mail.SmtpFake;
import com.keystone.crm.tools.fakes.sink.MessageSink;
import com.keystone.crm.tools.fakes.twilio.TwilioFake;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Every provider fake at once, plus the message sink page: what the local stack runs
 * ({@code java -jar tools/provider-fakes/target/provider-fakes.jar}, settings in {@link ProviderFakesSettings}),
 * and what a test may start in-JVM with {@link #start(ProviderFakesSettings)} (ports 0 = ephemeral).
 */
public final class ProviderFakes implements AutoCloseable {

    private final ProviderFakesSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final TwilioFake twilio;
    private final SmtpFake smtp;
    private final SesSnsFake aws;
    private final FcmFake fcm;
    private final ApnsFake apns;
    private final MessageSink sink;

    private ProviderFakes(ProviderFakesSettings s) {
        this.settings = s;
        try {
            twilio = keep(TwilioFake.builder().host(s.host).port(s.twilioPort).accountSid(s.twilioAccountSid)
                    .authToken(s.twilioAuthToken).inboundWebhook(s.twilioInboundWebhook).start());
            smtp = keep(SmtpFake.start(s.host, s.smtpPort));
            aws = keep(SesSnsFake.builder().host(s.host).port(s.awsPort).region(s.awsRegion).start());
            fcm = keep(FcmFake.builder().host(s.host).port(s.fcmPort).projectId(s.fcmProjectId).start());
            apns = keep(ApnsFake.builder().host(s.host).port(s.apnsPort).teamId(s.apnsTeamId).keyId(s.apnsKeyId)
                    .topics(Set.of(s.apnsTopic)).start());
            sink = keep(new MessageSink(s.host, s.sinkPort, smtp, twilio, aws, fcm, apns, s.twilioNumber));
            writeFiles();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T keep(T fake) {
        started.add(fake);
        return fake;
    }

    public static ProviderFakes start(ProviderFakesSettings settings) {
        return new ProviderFakes(settings);
    }

    public TwilioFake twilio() { return twilio; }
    public SmtpFake smtp() { return smtp; }
    public SesSnsFake sesSns() { return aws; }
    public FcmFake fcm() { return fcm; }
    public ApnsFake apns() { return apns; }
    public MessageSink sink() { return sink; }
    public ProviderFakesSettings settings() { return settings; }

    public Path fcmServiceAccountFile() { return settings.outDir.resolve("fcm-service-account.json"); }
    public Path apnsSigningKeyFile() { return settings.outDir.resolve("apns-auth-key.p8"); }
    public Path apnsServerCertificateFile() { return settings.outDir.resolve("apns-server-certificate.pem"); }
    public Path snsSigningCertificateFile() { return settings.outDir.resolve("sns-signing-certificate.pem"); }

    /** The files a service needs to talk to the fakes (its config points at them). */
    private void writeFiles() {
        try {
            Files.createDirectories(settings.outDir);
            Files.writeString(fcmServiceAccountFile(), fcm.serviceAccountJson());
            Files.writeString(apnsSigningKeyFile(), apns.signingKeyPem());
            Files.writeString(apnsServerCertificateFile(), apns.serverCertificatePem());
            Files.writeString(snsSigningCertificateFile(), Certificates.pem(aws.signingCertificate()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fakes' files to " + settings.outDir, e);
        }
    }

    /** Subscribes the configured SES events endpoint (after start, when the service may be listening). */
    public void subscribeSesEvents() {
        if (settings.sesEventsUrl == null) {
            return;
        }
        if (settings.sesEventsConfirmed) {
            aws.subscribeConfirmed(settings.sesEventsUrl);
        } else {
            aws.subscribe(settings.sesEventsUrl);
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // close the rest anyway
            }
        }
        started.clear();
    }

    public static void main(String[] args) throws InterruptedException {
        ProviderFakesSettings settings;
        try {
            settings = ProviderFakesSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(ProviderFakesSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.print(ProviderFakesSettings.USAGE);
            return;
        }
        ProviderFakes fakes = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.close();
            stopped.countDown();
        }, "provider-fakes-shutdown"));
        printBanner(fakes, System.out);
        fakes.subscribeSesEvents();
        stopped.await();
    }

    static void printBanner(ProviderFakes f, PrintStream out) {
        out.println("Provider fakes ready");
        out.println("  message sink   " + f.sink.baseUrl() + "/   (JSON: " + f.sink.baseUrl() + "/api/messages)");
        out.println("  Twilio         " + f.twilio.baseUrl() + "  account " + f.twilio.accountSid() + " / token "
                + f.twilio.authToken() + ", inbound webhook " + f.twilio.inboundWebhook());
        out.println("  SMTP           " + f.smtp.host() + ":" + f.smtp.port() + "  (any credentials)");
        out.println("  SES v2 + SNS   " + f.aws.baseUrl() + "  region " + f.aws.region() + ", topic " + f.aws.topicArn()
                + ", SigningCertURL prefix " + f.aws.baseUrl() + "/");
        out.println("  FCM v1         " + f.fcm.sendUrl() + "  service account " + f.fcmServiceAccountFile());
        out.println("  APNs           https://" + f.apns.host() + ":" + f.apns.port() + "  team " + f.apns.teamId()
                + ", key " + f.apns.keyId() + " (" + f.apnsSigningKeyFile() + "), trust "
                + f.apnsServerCertificateFile() + ", topic " + String.join(",", f.apns.topics()));
        out.flush();
    }
}

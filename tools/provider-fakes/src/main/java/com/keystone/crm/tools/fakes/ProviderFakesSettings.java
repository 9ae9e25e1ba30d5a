package com.keystone.crm.tools.fakes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What {@link ProviderFakes} starts: ports, credentials, webhook URLs and where the generated key files go. Each
 * setting is a flag ({@code --twilio-port 8101}) or an environment variable ({@code FAKES_TWILIO_PORT}); a flag wins.
 */
public final class ProviderFakesSettings {

    public String host = "localhost";
    public int sinkPort = 8100;
    public int twilioPort = 8101;
    public int awsPort = 8102;
    public int fcmPort = 8103;
    public int apnsPort = 8104;
    public int smtpPort = 2525;
    public String twilioAccountSid = "AC" + "0".repeat(31) + "1";
    public String twilioAuthToken = "local-twilio-auth-token";
    /** The number the system texts from; the sink's replies go to it. */
    public String twilioNumber = "+15005550006";
    public String twilioInboundWebhook;
    public String sesEventsUrl;
    public boolean sesEventsConfirmed;
    public String awsRegion = "us-east-1";
    public String fcmProjectId = "keystone-crm-fake";
    public String apnsTeamId = "KEYSTONE01";
    public String apnsKeyId = "FAKEKEY001";
    public String apnsTopic = "com.keystone.crm.agent";
    public Path outDir = Path.of(System.getProperty("java.io.tmpdir"), "keystone-provider-fakes");

    static final String USAGE = """
            usage: java -jar provider-fakes.jar [options]   (each option also as an environment variable)
              --host NAME                 FAKES_HOST                 interface / host in the URLs (localhost)
              --sink-port N               FAKES_SINK_PORT            message sink page (8100)
              --twilio-port N             FAKES_TWILIO_PORT          Twilio Messages API (8101)
              --aws-port N                FAKES_AWS_PORT             SES v2 + SNS (8102)
              --fcm-port N                FAKES_FCM_PORT             FCM v1 + OAuth2 token endpoint (8103)
              --apns-port N               FAKES_APNS_PORT            APNs, HTTP/2 over TLS (8104)
              --smtp-port N               FAKES_SMTP_PORT            SMTP (2525)
              --twilio-account-sid SID    FAKES_TWILIO_ACCOUNT_SID   (AC000…001)
              --twilio-auth-token T       FAKES_TWILIO_AUTH_TOKEN    (local-twilio-auth-token)
              --twilio-number N           FAKES_TWILIO_NUMBER        the system's number, replies go to it (+15005550006)
              --twilio-inbound-webhook U  FAKES_TWILIO_INBOUND_WEBHOOK  where inbound SMS are POSTed (none)
              --ses-events-url U          FAKES_SES_EVENTS_URL       subscribe this endpoint to SES notifications (none)
              --ses-events-confirmed B    FAKES_SES_EVENTS_CONFIRMED true: no SubscriptionConfirmation handshake (false)
              --aws-region R              FAKES_AWS_REGION           (us-east-1)
              --fcm-project ID            FAKES_FCM_PROJECT          (keystone-crm-fake)
              --apns-team-id ID           FAKES_APNS_TEAM_ID         (KEYSTONE01)
              --apns-key-id ID            FAKES_APNS_KEY_ID          (FAKEKEY001)
              --apns-topic T              FAKES_APNS_TOPIC           the app bundle id (com.keystone.crm.agent)
              --out-dir DIR               FAKES_OUT_DIR              generated files: FCM service account, APNs key
                                                                     and certificate, SNS signing certificate
              --help
            """;

    /** Settings from the environment, then the flags; null for --help. */
    public static ProviderFakesSettings parse(String[] args, Map<String, String> env) {
        ProviderFakesSettings s = new ProviderFakesSettings();
        Map<String, BiConsumer<ProviderFakesSettings, String>> options = options();
        options.forEach((flag, setter) -> {
            String name = "FAKES_" + flag.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                apply(s, setter, flag, value);
            }
        });
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            BiConsumer<ProviderFakesSettings, String> setter = options.get(flag);
            if (setter == null) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            apply(s, setter, flag, args[++i]);
        }
        return s;
    }

    private static void apply(ProviderFakesSettings s, BiConsumer<ProviderFakesSettings, String> setter, String flag,
                              String value) {
        try {
            setter.accept(s, value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value for " + flag + ": " + value);
        }
    }

    private static Map<String, BiConsumer<ProviderFakesSettings, String>> options() {
        Map<String, BiConsumer<ProviderFakesSettings, String>> o = new LinkedHashMap<>();
        o.put("--host", (s, v) -> s.host = v);
        o.put("--sink-port", (s, v) -> s.sinkPort = port(v));
        o.put("--twilio-port", (s, v) -> s.twilioPort = port(v));
        o.put("--aws-port", (s, v) -> s.awsPort = port(v));
        o.put("--fcm-port", (s, v) -> s.fcmPort = port(v));
        o.put("--apns-port", (s, v) -> s.apnsPort = port(v));
        o.put("--smtp-port", (s, v) -> s.smtpPort = port(v));
        o.put("--twilio-account-sid", (s, v) -> s.twilioAccountSid = v);
        o.put("--twilio-auth-token", (s, v) -> s.twilioAuthToken = v);
        o.put("--twilio-number", (s, v) -> s.twilioNumber = v);
        o.put("--twilio-inbound-webhook", (s, v) -> s.twilioInboundWebhook = v);
        o.put("--ses-events-url", (s, v) -> s.sesEventsUrl = v);
        o.put("--ses-events-confirmed", (s, v) -> s.sesEventsConfirmed = Boolean.parseBoolean(v));
        o.put("--aws-region", (s, v) -> s.awsRegion = v);
        o.put("--fcm-project", (s, v) -> s.fcmProjectId = v);
        o.put("--apns-team-id", (s, v) -> s.apnsTeamId = v);
        o.put("--apns-key-id", (s, v) -> s.apnsKeyId = v);
        o.put("--apns-topic", (s, v) -> s.apnsTopic = v);
        o.put("--out-dir", (s, v) -> s.outDir = Path.of(v));
        return o;
    }

    private static int port(String v) {
        int port = Integer.parseInt(v);
        if (port < 0 || port > 65535) {
            throw new NumberFormatException(v);
        }
        return port;
    }
}

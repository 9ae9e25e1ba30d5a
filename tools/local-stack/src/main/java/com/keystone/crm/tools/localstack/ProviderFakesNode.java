package com.keystone.crm.tools.localstack;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The provider fakes ({@code tools/provider-fakes}) as a child process: Twilio, SMTP, SES v2 + SNS, FCM and APNs on
 * fixed local ports, with the message sink page where a person sees every message the system sent and can reply to
 * an SMS (a signed inbound webhook to notification-service). Ready once the sink page answers.
 */
public final class ProviderFakesNode implements Component {
    public static final String NAME = "provider-fakes";
    public static final int SINK_PORT = 8100;
    public static final int TWILIO_PORT = 8101;
    public static final int AWS_PORT = 8102;
    public static final int FCM_PORT = 8103;
    public static final int APNS_PORT = 8104;
    public static final int SMTP_PORT = 2525;
    public static final String TWILIO_ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
    public static final String TWILIO_AUTH_TOKEN = "local-twilio-auth-token";
    public static final String TWILIO_NUMBER = "+15005550006";

    private final StackConfig config;
    private final PidFiles pids;
    private final Console console;
    private ChildProcess process;

    public ProviderFakesNode(StackConfig config, PidFiles pids, Console console) {
        this.config = config;
        this.pids = pids;
        this.console = console;
    }

    @Override
    public String name() {
        return NAME;
    }

    public boolean isBuilt() {
        return Files.isRegularFile(config.providerFakesJar());
    }

    public static String sinkUrl() {
        return "http://localhost:" + SINK_PORT + "/";
    }

    /** The ports this part takes, for the free-port check. */
    public static Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(SINK_PORT, "message sink");
        ports.put(TWILIO_PORT, "Twilio fake");
        ports.put(AWS_PORT, "SES/SNS fake");
        ports.put(FCM_PORT, "FCM fake");
        ports.put(APNS_PORT, "APNs fake");
        ports.put(SMTP_PORT, "SMTP fake");
        return ports;
    }

    List<String> command() {
        String notification = ServiceSpec.named("notification-service").orElseThrow().baseUrl();
        List<String> cmd = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                config.providerFakesJar().toString()));
        cmd.addAll(List.of(
                "--sink-port", Integer.toString(SINK_PORT),
                "--twilio-port", Integer.toString(TWILIO_PORT),
                "--aws-port", Integer.toString(AWS_PORT),
                "--fcm-port", Integer.toString(FCM_PORT),
                "--apns-port", Integer.toString(APNS_PORT),
                "--smtp-port", Integer.toString(SMTP_PORT),
                "--twilio-account-sid", TWILIO_ACCOUNT_SID,
                "--twilio-auth-token", TWILIO_AUTH_TOKEN,
                "--twilio-number", TWILIO_NUMBER,
                "--twilio-inbound-webhook", notification + "/webhooks/twilio/inbound",
                "--out-dir", config.dataDir().resolve("provider-fakes").toString()));
        return cmd;
    }

    /**
     * What notification-service needs to send through the fakes: SMTP, the Twilio account and base URL, the sender
     * number, and the public address providers call back on.
     */
    static Map<String, String> notificationEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRM_NOTIFY_PROVIDERS_SMTP_HOST", "localhost");
        env.put("CRM_NOTIFY_PROVIDERS_SMTP_PORT", Integer.toString(SMTP_PORT));
        env.put("CRM_NOTIFY_PROVIDERS_TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID);
        env.put("CRM_NOTIFY_PROVIDERS_TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN);
        env.put("CRM_NOTIFY_PROVIDERS_TWILIO_BASE_URL", "http://localhost:" + TWILIO_PORT);
        env.put("CRM_NOTIFY_DEFAULTS_SMS_FROM", TWILIO_NUMBER);
        env.put("CRM_NOTIFY_PUBLIC_BASE_URL", ServiceSpec.named("notification-service").orElseThrow().baseUrl());
        return env;
    }

    @Override
    public void start() throws Exception {
        process = new ChildProcess(name(), command(), Map.of(), config.root(), config.logFile(name()),
                config.providerFakesJar().toString(), pids, Duration.ofSeconds(10));
        process.start();
        console.info("provider fakes starting (pid %d): sink %s, Twilio :%d, SMTP :%d, SES/SNS :%d, FCM :%d, APNs :%d",
                process.pid(), sinkUrl(), TWILIO_PORT, SMTP_PORT, AWS_PORT, FCM_PORT, APNS_PORT);
    }

    @Override
    public void awaitReady(Duration timeout) throws Waits.NotReady {
        Waits.awaitHttp("provider fakes", "http://localhost:" + SINK_PORT + "/api/messages", s -> s == 200, timeout,
                process::isAlive);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public Optional<CompletableFuture<?>> exited() {
        return process == null ? Optional.empty() : process.exited();
    }

    @Override
    public Optional<java.nio.file.Path> logFile() {
        return Optional.of(config.logFile(name()));
    }
}

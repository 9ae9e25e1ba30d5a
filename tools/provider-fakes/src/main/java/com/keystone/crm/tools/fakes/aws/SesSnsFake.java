package com.keystone.crm.tools.fakes.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.FakeHttpServer;
import com.keystone.crm.tools.fakes.http.DaemonThreads;
import com.keystone.crm.tools.fakes.http.Faults;
import com.keystone.crm.tools.fakes.http.ResetEpoch;
import com.keystone.crm.tools.fakes.http.WebhookCall;
import com.keystone.crm.tools.fakes.http.WebhookClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fake of Amazon SES v2 (SendEmail) and Amazon SNS (Publish to a phone number; HTTP subscriptions) on one local
 * port: point both AWS SDK v2 clients at {@link #endpoint()} with {@code endpointOverride}.
 *
 * <ul>
 *   <li>{@code POST /v2/email/outbound-emails}: SendEmail (Simple or Raw content), SigV4 Authorization required
 *       (well formed; the secret is not checked); answers {@code {"MessageId"}}.</li>
 *   <li>{@code POST /} (AWS query protocol): {@code Action=Publish} with PhoneNumber (SMS),
 *       {@code CheckIfPhoneNumberIsOptedOut}, {@code ConfirmSubscription}.</li>
 *   <li>SES notifications (Delivery, Bounce, Complaint; the "notificationType" format) for every sent email, POSTed
 *       to the confirmed HTTP subscriptions of the topic as SNS HTTP notifications, signed (SignatureVersion 2,
 *       SHA256withRSA) with the fake's own certificate, served at {@link #signingCertUrl()}. A subscription starts
 *       with a signed SubscriptionConfirmation whose SubscribeURL (a GET on the fake) confirms it.</li>
 *   <li>SES mailbox simulator addresses behave as on SES: success@, bounce@, complaint@, suppressionlist@ and
 *       ooto@simulator.amazonses.com; {@link #bounce} and {@link #complain} make any address do the same.</li>
 * </ul>
 */
public final class SesSnsFake implements AutoCloseable {

    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ISO_INSTANT;
    private static final String SIMULATOR = "@simulator.amazonses.com";

    private final Options options;
    private final Clock clock;
    private final FakeHttpServer server;
    private final Faults faults;
    private final SnsSigner signer = new SnsSigner();
    private final WebhookClient webhooks;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService sender;
    private final ScheduledExecutorService scheduler;
    private final ResetEpoch resets = new ResetEpoch();
    private final ConcurrentLinkedDeque<SesEmail> emails = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<SnsSms> sms = new ConcurrentLinkedDeque<>();
    private final Map<String, SnsSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, SesEventType> addressBehaviour = new ConcurrentHashMap<>();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final String certificateId = UUID.randomUUID().toString().replace("-", "");
    private volatile boolean autoEvents;

    private SesSnsFake(Options options) {
        this.options = options;
        this.clock = options.clock;
        this.faults = new Faults(options.hangLimit, options.retryAfterSeconds);
        this.webhooks = new WebhookClient(clock);
        this.autoEvents = options.autoEvents;
        this.sender = DaemonThreads.pool(4, "ses-sns-fake-notify");
        this.scheduler = DaemonThreads.scheduler("ses-sns-fake-scheduler");
        this.server = new FakeHttpServer("ses-sns", options.host, options.port, new AwsApi(this));
    }

    public static SesSnsFake start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------- addresses

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The endpointOverride of both the SesV2Client and the SnsClient. */
    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    public int port() {
        return server.port();
    }

    public String region() {
        return options.region;
    }

    /** The topic SES publishes its notifications to. */
    public String topicArn() {
        return "arn:aws:sns:" + options.region + ":" + options.accountId + ":" + options.topicName;
    }

    public X509Certificate signingCertificate() {
        return signer.certificate();
    }

    /** Where the signing certificate is served (PEM), the SigningCertURL of every message. */
    public String signingCertUrl() {
        return baseUrl() + "/SimpleNotificationService-" + certificateId + ".pem";
    }

    // ---------------------------------------------------------------------------------------------- inspection

    /** Every email accepted, oldest first. */
    public List<SesEmail> emails() {
        return List.copyOf(emails);
    }

    public List<SesEmail> emailsTo(String address) {
        return emails().stream().filter(e -> e.recipients().contains(address)).toList();
    }

    /** Every SMS published, oldest first. */
    public List<SnsSms> smsMessages() {
        return List.copyOf(sms);
    }

    public List<SnsSms> smsTo(String phoneNumber) {
        return smsMessages().stream().filter(m -> m.phoneNumber().equals(phoneNumber)).toList();
    }

    public List<SnsSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** Every SNS message POSTed to a subscriber (confirmations and notifications), oldest first. */
    public List<WebhookCall> notificationCalls() {
        return webhooks.calls();
    }

    // ---------------------------------------------------------------------------------------------- control

    /** The next {@code n} SES / SNS API requests fail in {@code mode}. */
    public SesSnsFake failNext(int n, FailureMode mode) {
        faults.failNext(n, mode);
        return this;
    }

    public SesSnsFake failAlways(FailureMode mode) {
        faults.failAlways(mode);
        return this;
    }

    public SesSnsFake clearFaults() {
        faults.clear();
        return this;
    }

    /** Mail to {@code address} bounces, permanently (hard) or transiently (soft). */
    public SesSnsFake bounce(String address, boolean permanent) {
        addressBehaviour.put(address.toLowerCase(Locale.ROOT),
                permanent ? SesEventType.BOUNCE_PERMANENT : SesEventType.BOUNCE_TRANSIENT);
        return this;
    }

    /** Mail to {@code address} is delivered, then complained about. */
    public SesSnsFake complain(String address) {
        addressBehaviour.put(address.toLowerCase(Locale.ROOT), SesEventType.COMPLAINT);
        return this;
    }

    /** The number has opted out of SMS: publishes to it are accepted and dropped. */
    public SesSnsFake optOut(String phoneNumber) {
        optedOut.add(phoneNumber);
        return this;
    }

    /** On (default): each sent email produces its notifications after {@code eventDelay}. */
    public SesSnsFake autoEvents(boolean on) {
        this.autoEvents = on;
        return this;
    }

    /**
     * Subscribes an HTTP endpoint to the topic: POSTs a signed SubscriptionConfirmation (synchronously); the
     * subscription is confirmed when the endpoint GETs the SubscribeURL or calls ConfirmSubscription.
     */
    public SnsSubscription subscribe(String endpointUrl) {
        SnsSubscription subscription = newSubscription(endpointUrl, false);
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "SubscriptionConfirmation");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("Token", subscription.token());
        message.put("TopicArn", topicArn());
        message.put("Message", "You have chosen to subscribe to the topic " + topicArn()
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        message.put("SubscribeURL", baseUrl() + "/?Action=ConfirmSubscription&TopicArn="
                + URLEncoder.encode(topicArn(), StandardCharsets.UTF_8) + "&Token=" + subscription.token());
        message.put("Timestamp", timestamp());
        deliver(endpointUrl, subscription, message);
        return subscription;
    }

    /** Subscribes an endpoint already confirmed (no handshake). */
    public SnsSubscription subscribeConfirmed(String endpointUrl) {
        return newSubscription(endpointUrl, true);
    }

    /** Publishes the SES notification of {@code type} for a sent email and one of its recipients, synchronously. */
    public List<WebhookCall> publishEvent(String messageId, String recipient, SesEventType type) {
        SesEmail email = emails.stream().filter(e -> e.messageId().equals(messageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such email: " + messageId));
        return publishEvent(email, recipient, type);
    }

    private List<WebhookCall> publishEvent(SesEmail email, String recipient, SesEventType type) {
        return publish(null, SesNotifications.build(json, type, email, recipient, clock.instant()));
    }

    /** POSTs a signed Notification with this subject (may be null) and message to every confirmed subscriber. */
    public List<WebhookCall> publish(String subject, String messageText) {
        List<WebhookCall> calls = new ArrayList<>();
        for (SnsSubscription subscription : subscriptions.values()) {
            if (!subscription.confirmed()) {
                continue;
            }
            Map<String, String> message = new LinkedHashMap<>();
            message.put("Type", "Notification");
            message.put("MessageId", UUID.randomUUID().toString());
            message.put("TopicArn", topicArn());
            if (subject != null) {
                message.put("Subject", subject);
            }
            message.put("Message", messageText);
            message.put("Timestamp", timestamp());
            message.put("UnsubscribeURL", baseUrl() + "/?Action=Unsubscribe&SubscriptionArn="
                    + URLEncoder.encode(subscription.subscriptionArn(), StandardCharsets.UTF_8));
            calls.add(deliver(subscription.endpoint(), subscription, message));
        }
        return calls;
    }

    public void reset() {
        resets.advance();
        emails.clear();
        sms.clear();
        subscriptions.clear();
        addressBehaviour.clear();
        optedOut.clear();
        webhooks.clear();
        faults.clear();
    }

    @Override
    public void close() {
        faults.clear();
        server.close();
        scheduler.shutdownNow();
        sender.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- internals

    Faults faults() {
        return faults;
    }

    Options options() {
        return options;
    }

    String certificatePath() {
        return "/SimpleNotificationService-" + certificateId + ".pem";
    }

    String certificatePem() {
        return com.keystone.crm.tools.fakes.http.Certificates.pem(signer.certificate());
    }

    boolean isOptedOut(String phoneNumber) {
        return optedOut.contains(phoneNumber);
    }

    SesEmail acceptEmail(SesEmail draft) {
        String id = String.format("0100%012x-%s-000000", clock.millis(), UUID.randomUUID());
        SesEmail email = new SesEmail(id, draft.from(), draft.to(), draft.cc(), draft.bcc(), draft.replyTo(),
                draft.subject(), draft.text(), draft.html(), draft.headers(), draft.raw(), draft.tags(),
                draft.configurationSet(), draft.accessKeyId(), clock.instant());
        emails.addLast(email);
        if (autoEvents) {
            Runnable events = resets.guard(() -> emitEvents(email));
            scheduler.schedule(() -> sender.execute(events), options.eventDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return email;
    }

    SnsSms acceptSms(String phoneNumber, String text, Map<String, String> attributes, String accessKeyId) {
        SnsSms message = new SnsSms(UUID.randomUUID().toString(), phoneNumber, text,
                attributes.get("AWS.SNS.SMS.SMSType"), attributes.get("AWS.SNS.SMS.SenderID"), attributes,
                optedOut.contains(phoneNumber) ? "opted-out" : "delivered", accessKeyId, clock.instant());
        sms.addLast(message);
        return message;
    }

    Optional<SnsSubscription> confirm(String topicArn, String token) {
        for (SnsSubscription s : subscriptions.values()) {
            if (s.token().equals(token) && s.topicArn().equals(topicArn)) {
                SnsSubscription confirmed = new SnsSubscription(s.subscriptionArn(), s.topicArn(), s.endpoint(),
                        s.token(), true);
                subscriptions.put(s.subscriptionArn(), confirmed);
                return Optional.of(confirmed);
            }
        }
        return Optional.empty();
    }

    boolean unsubscribe(String subscriptionArn) {
        return subscriptions.remove(subscriptionArn) != null;
    }

    private void emitEvents(SesEmail email) {
        for (String recipient : email.recipients()) {
            SesEventType type = behaviourOf(recipient);
            if (type == SesEventType.COMPLAINT) {
                publishEvent(email, recipient, SesEventType.DELIVERY);
            }
            publishEvent(email, recipient, type);
        }
    }

    private SesEventType behaviourOf(String recipient) {
        String address = bareAddress(recipient).toLowerCase(Locale.ROOT);
        SesEventType configured = addressBehaviour.get(address);
        if (configured != null) {
            return configured;
        }
        if (address.endsWith(SIMULATOR)) {
            String local = address.substring(0, address.indexOf('@'));
            if (local.startsWith("bounce")) {
                return SesEventType.BOUNCE_PERMANENT;
            }
            if (local.startsWith("complaint")) {
                return SesEventType.COMPLAINT;
            }
            if (local.startsWith("suppressionlist")) {
                return SesEventType.BOUNCE_SUPPRESSED;
            }
        }
        return SesEventType.DELIVERY;
    }

    static String bareAddress(String address) {
        int lt = address.lastIndexOf('<');
        int gt = address.lastIndexOf('>');
        return lt >= 0 && gt > lt ? address.substring(lt + 1, gt).trim() : address.trim();
    }

    private SnsSubscription newSubscription(String endpointUrl, boolean confirmed) {
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        String arn = topicArn() + ":" + UUID.randomUUID();
        byte[] token = new byte[64];
        new java.security.SecureRandom().nextBytes(token);
        SnsSubscription subscription = new SnsSubscription(arn, topicArn(), endpointUrl,
                HexFormat.of().formatHex(token), confirmed);
        subscriptions.put(arn, subscription);
        return subscription;
    }

    private WebhookCall deliver(String endpointUrl, SnsSubscription subscription, Map<String, String> message) {
        message.put("SignatureVersion", options.signatureVersion);
        message.put("Signature", signer.sign(message, options.signatureVersion));
        message.put("SigningCertURL", signingCertUrl());
        ObjectNode body = json.createObjectNode();
        message.forEach(body::put);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", message.get("Type"));
        headers.put("x-amz-sns-message-id", message.get("MessageId"));
        headers.put("x-amz-sns-topic-arn", message.get("TopicArn"));
        if (subscription.confirmed()) {
            headers.put("x-amz-sns-subscription-arn", subscription.subscriptionArn());
        }
        headers.put("User-Agent", "Amazon Simple Notification Service Agent");
        return webhooks.post(endpointUrl, "text/plain; charset=UTF-8", body.toPrettyString(), headers);
    }

    private String timestamp() {
        return ISO_MILLIS.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Settings of a SES/SNS fake; {@link #start()} starts it. */
    public static final class Builder {
        private final Options o = new Options();

        public Builder host(String host) { o.host = host; return this; }
        public Builder port(int port) { o.port = port; return this; }
        public Builder region(String region) { o.region = region; return this; }
        public Builder accountId(String accountId) { o.accountId = accountId; return this; }
        /** The topic name of SES notifications (default ses-notifications). */
        public Builder topicName(String name) { o.topicName = name; return this; }
        /** "2" (default, SHA256withRSA) or "1" (SHA1withRSA). */
        public Builder signatureVersion(String version) { o.signatureVersion = version; return this; }
        /** When set, SendEmail refuses a From address whose address or domain is not listed (MessageRejected). */
        public Builder verifiedIdentities(Set<String> identities) { o.verifiedIdentities = Set.copyOf(identities); return this; }
        public Builder autoEvents(boolean on) { o.autoEvents = on; return this; }
        /** How long after SendEmail its notifications go out (default 50 ms). */
        public Builder eventDelay(Duration d) { o.eventDelay = d; return this; }
        public Builder hangLimit(Duration d) { o.hangLimit = d; return this; }
        public Builder retryAfterSeconds(int s) { o.retryAfterSeconds = s; return this; }
        public Builder clock(Clock clock) { o.clock = clock; return this; }

        public SesSnsFake start() {
            if (!o.signatureVersion.equals("1") && !o.signatureVersion.equals("2")) {
                throw new IllegalArgumentException("SignatureVersion is 1 or 2: " + o.signatureVersion);
            }
            return new SesSnsFake(o);
        }
    }

    static final class Options {
        String host = "localhost";
        int port;
        String region = "us-east-1";
        String accountId = "123456789012";
        String topicName = "ses-notifications";
        String signatureVersion = "2";
        Set<String> verifiedIdentities = Set.of();
        boolean autoEvents = true;
        Duration eventDelay = Duration.ofMillis(50);
        Duration hangLimit = Duration.ofSeconds(60);
        int retryAfterSeconds = 1;
        Clock clock = Clock.systemUTC();
    }
}

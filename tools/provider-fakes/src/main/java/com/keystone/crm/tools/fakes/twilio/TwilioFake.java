package com.keystone.crm.tools.fakes.twilio;

import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.FakeHttpServer;
import com.keystone.crm.tools.fakes.http.DaemonThreads;
import com.keystone.crm.tools.fakes.http.Faults;
import com.keystone.crm.tools.fakes.http.Http;
import com.keystone.crm.tools.fakes.http.ResetEpoch;
import com.keystone.crm.tools.fakes.http.WebhookCall;
import com.keystone.crm.tools.fakes.http.WebhookClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of Twilio's Messages API (REST API 2010-04-01) on a local port, for tests and the local stack.
 *
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (form: To, From | MessagingServiceSid, Body,
 *       StatusCallback), {@code GET .../Messages/{Sid}.json}, {@code GET .../Messages.json} (To, From, DateSent,
 *       DateSent&gt;, DateSent&lt;, PageSize, Page, PageToken); HTTP Basic auth with the account SID and auth token.</li>
 *   <li>Status callbacks (sent, then delivered / undelivered) POSTed to StatusCallback, signed with
 *       {@code X-Twilio-Signature} exactly as Twilio signs them; automatic by default, or {@link #complete}.</li>
 *   <li>Inbound SMS: {@link #injectInbound} POSTs Twilio's signed inbound webhook to {@link #inboundWebhook(String)};
 *       TwiML {@code <Message>} replies in the answer are recorded as outbound-reply messages.</li>
 *   <li>Faults: {@link #failNext}, {@link #failAlways}, {@link #rejectRecipient}.</li>
 *   <li>For the sink page and scripts: {@code POST /_fake/inbound} (From, To, Body) and
 *       {@code POST /_fake/messages/{Sid}/status} (Status, ErrorCode).</li>
 * </ul>
 */
public final class TwilioFake implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Options options;
    private final Clock clock;
    private final FakeHttpServer server;
    private final Faults faults;
    private final WebhookClient webhooks;
    private final ExecutorService callbackSender;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Stored> bySid = new ConcurrentHashMap<>();
    private final Map<String, Integer> rejectedRecipients = new ConcurrentHashMap<>();
    private final Map<String, Integer> inboundWebhookStatus = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ResetEpoch resets = new ResetEpoch();
    private volatile String inboundWebhook;
    private volatile boolean autoDeliver;
    static final int CALLBACK_SENDERS = 16;
    private volatile Duration deliveryDelay;

    private TwilioFake(Options options) {
        this.options = options;
        this.clock = options.clock;
        this.faults = new Faults(options.hangLimit, options.retryAfterSeconds);
        this.webhooks = new WebhookClient(clock);
        this.inboundWebhook = options.inboundWebhook;
        this.autoDeliver = options.autoDeliver;
        this.deliveryDelay = options.deliveryDelay;
        // Twilio calls back from many machines at once; four senders fell behind 400 messages/s (two callbacks each)
        this.callbackSender = DaemonThreads.pool(CALLBACK_SENDERS, "twilio-fake-callback");
        this.scheduler = DaemonThreads.scheduler("twilio-fake-scheduler");
        this.server = new FakeHttpServer("twilio", options.host, options.port, new TwilioApi(this));
    }

    /** A fake on an ephemeral port with a random account SID and auth token, auto-delivering. */
    public static TwilioFake start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------- addresses

    /** http://host:port: what replaces {@code https://api.twilio.com} in the SDK's request URLs. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public String accountSid() {
        return options.accountSid;
    }

    public String authToken() {
        return options.authToken;
    }

    /** True for the account SID + auth token, or the API key + secret when one is configured. */
    boolean acceptsCredentials(String user, String password) {
        return (user.equals(options.accountSid) && password.equals(options.authToken))
                || (options.apiKeySid != null && user.equals(options.apiKeySid) && password.equals(options.apiKeySecret));
    }

    // ---------------------------------------------------------------------------------------------- inspection

    /** Every message (outbound, inbound and TwiML replies), oldest first. */
    public List<TwilioMessage> messages() {
        return bySid.values().stream().sorted(Comparator.comparingLong(s -> s.seq)).map(Stored::snapshot).toList();
    }

    /** The messages sent through the API to one number, oldest first. */
    public List<TwilioMessage> messagesTo(String to) {
        return messages().stream().filter(m -> m.to().equals(to) && !m.direction().equals("inbound")).toList();
    }

    public Optional<TwilioMessage> message(String sid) {
        return Optional.ofNullable(bySid.get(sid)).map(Stored::snapshot);
    }

    /** Every webhook the fake POSTed (status callbacks and inbound messages), oldest first. */
    public List<WebhookCall> webhookCalls() {
        return webhooks.calls();
    }

    // ---------------------------------------------------------------------------------------------- control

    /** The next {@code n} API requests (create, fetch, list) fail in {@code mode}. */
    public TwilioFake failNext(int n, FailureMode mode) {
        faults.failNext(n, mode);
        return this;
    }

    /** Every API request fails in {@code mode} until {@link #clearFaults()} or {@link #reset()}. */
    public TwilioFake failAlways(FailureMode mode) {
        faults.failAlways(mode);
        return this;
    }

    /** Drops queued faults and releases hanging requests. */
    public TwilioFake clearFaults() {
        faults.clear();
        return this;
    }

    /**
     * Messages to {@code number} are refused with Twilio error {@code code}: a 21xxx code is refused at create
     * (HTTP 400, e.g. 21610 unsubscribed recipient, 21211 invalid number, 21614 not a mobile number); a 30xxx code is
     * accepted, then ends undelivered with that error code (e.g. 30003 unreachable, 30006 landline). A service error
     * (20429 too many requests, 20500, 20503) is answered for messages to this number alone with its HTTP status
     * (429, 500, 503): a provider fault that spares the other recipients.
     */
    public TwilioFake rejectRecipient(String number, int code) {
        rejectedRecipients.put(number, code);
        return this;
    }

    /** Where inbound SMS are POSTed (Twilio's "A message comes in" webhook of the number). */
    public TwilioFake inboundWebhook(String url) {
        this.inboundWebhook = url;
        return this;
    }

    public String inboundWebhook() {
        return inboundWebhook;
    }

    /** On (default): each accepted message becomes sent, then delivered (or undelivered) on its own. */
    public TwilioFake autoDeliver(boolean on) {
        this.autoDeliver = on;
        return this;
    }

    public TwilioFake deliveryDelay(Duration delay) {
        this.deliveryDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * Moves a message to {@code status} (sent, delivered, undelivered, failed) with an optional error code, and
     * POSTs the signed status callback (synchronously; the call is returned, or null without a StatusCallback).
     */
    public WebhookCall complete(String sid, String status, Integer errorCode) {
        Stored stored = bySid.get(sid);
        if (stored == null) {
            throw new IllegalArgumentException("no such message: " + sid);
        }
        if (!List.of("sent", "delivered", "undelivered", "failed", "sending").contains(status)) {
            throw new IllegalArgumentException("not a delivery status: " + status);
        }
        stored.moveTo(status, errorCode, clock.instant());
        return sendStatusCallback(stored);
    }

    /**
     * A person texts {@code body} from {@code from} to {@code to} (one of your numbers): the message is recorded
     * (direction inbound) and Twilio's signed inbound webhook is POSTed to {@link #inboundWebhook()}, synchronously.
     * A TwiML {@code <Message>} in the answer is recorded as an outbound-reply message.
     */
    public InboundResult injectInbound(String from, String to, String body) {
        String url = inboundWebhook;
        if (url == null) {
            throw new IllegalStateException("no inbound webhook configured (inboundWebhook(url))");
        }
        Instant now = clock.instant();
        Stored stored = store(new Stored(newSid("SM"), sequence.incrementAndGet(), "inbound", from, to, null, body,
                "received", null, now));
        stored.dateSent = now;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ToCountry", "US");
        params.put("ToState", "");
        params.put("SmsMessageSid", stored.sid);
        params.put("NumMedia", "0");
        params.put("ToCity", "");
        params.put("FromZip", "");
        params.put("SmsSid", stored.sid);
        params.put("FromState", "");
        params.put("SmsStatus", "received");
        params.put("FromCity", "");
        params.put("Body", body);
        params.put("FromCountry", "US");
        params.put("To", to);
        params.put("ToZip", "");
        params.put("NumSegments", String.valueOf(stored.numSegments));
        params.put("MessageSid", stored.sid);
        params.put("AccountSid", options.accountSid);
        params.put("From", from);
        params.put("ApiVersion", "2010-04-01");
        WebhookCall call = postSigned(url, params);
        inboundWebhookStatus.put(stored.sid, call.status());
        List<TwilioMessage> replies = new ArrayList<>();
        if (call.succeeded() && call.responseBody() != null) {
            for (String reply : TwiML.messages(call.responseBody())) {
                Stored r = store(new Stored(newSid("SM"), sequence.incrementAndGet(), "outbound-reply", to, from, null,
                        reply, "queued", null, clock.instant()));
                scheduleDelivery(r);
                replies.add(r.snapshot());
            }
        }
        return new InboundResult(stored.snapshot(), call, replies);
    }

    /** What the inbound webhook answered for an injected inbound message (-1: unreachable), if it was one. */
    public Optional<Integer> inboundWebhookStatus(String sid) {
        return Optional.ofNullable(inboundWebhookStatus.get(sid));
    }

    /** The inbound message, the webhook call (status, answer) and the TwiML replies recorded. */
    public record InboundResult(TwilioMessage message, WebhookCall webhook, List<TwilioMessage> replies) {
    }

    /** Forgets every message, webhook call, fault and rejected recipient; settings stay. */
    public void reset() {
        resets.advance();
        bySid.clear();
        rejectedRecipients.clear();
        inboundWebhookStatus.clear();
        webhooks.clear();
        faults.clear();
    }

    @Override
    public void close() {
        faults.clear();
        server.close();
        scheduler.shutdownNow();
        callbackSender.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- internals

    Faults faults() {
        return faults;
    }

    Clock clock() {
        return clock;
    }

    Optional<Integer> rejection(String to) {
        return Optional.ofNullable(rejectedRecipients.get(to));
    }

    List<Stored> stored() {
        return new ArrayList<>(bySid.values());
    }

    Stored find(String sid) {
        return bySid.get(sid);
    }

    /** Records a message accepted through the API and starts its delivery. */
    Stored accept(String from, String to, String messagingServiceSid, String body, String statusCallback) {
        Stored stored = store(new Stored(newSid("SM"), sequence.incrementAndGet(), "outbound-api", from, to,
                messagingServiceSid, body, messagingServiceSid != null && from == null ? "accepted" : "queued",
                statusCallback, clock.instant()));
        scheduleDelivery(stored);
        return stored;
    }

    private Stored store(Stored stored) {
        bySid.put(stored.sid, stored);
        return stored;
    }

    private void scheduleDelivery(Stored stored) {
        if (!autoDeliver) {
            return;
        }
        Integer rejection = rejectedRecipients.get(stored.to);
        Integer deliveryError = rejection != null && rejection >= 30000 ? rejection : null;
        Runnable delivery = resets.guard(() -> {
            stored.moveTo("sent", null, clock.instant());
            sendStatusCallback(stored);
            stored.moveTo(deliveryError == null ? "delivered" : "undelivered", deliveryError, clock.instant());
            sendStatusCallback(stored);
        });
        scheduler.schedule(() -> callbackSender.execute(delivery), deliveryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private WebhookCall sendStatusCallback(Stored stored) {
        if (stored.statusCallback == null) {
            return null;
        }
        TwilioMessage m = stored.snapshot();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", m.accountSid());
        params.put("ApiVersion", "2010-04-01");
        if (m.from() != null) {
            params.put("From", m.from());
        }
        params.put("MessageSid", m.sid());
        params.put("MessageStatus", m.status());
        if (m.messagingServiceSid() != null) {
            params.put("MessagingServiceSid", m.messagingServiceSid());
        }
        params.put("SmsSid", m.sid());
        params.put("SmsStatus", m.status());
        params.put("To", m.to());
        if (m.errorCode() != null) {
            params.put("ErrorCode", String.valueOf(m.errorCode()));
        }
        return postSigned(m.statusCallback(), params);
    }

    private WebhookCall postSigned(String url, Map<String, String> params) {
        String signature = TwilioSignature.sign(options.authToken, url, params);
        return webhooks.post(url, "application/x-www-form-urlencoded; charset=utf-8", Http.encodeForm(params),
                Map.of("X-Twilio-Signature", signature, "I-Twilio-Idempotency-Token", newSid("").substring(0, 32),
                        "User-Agent", "TwilioProxy/1.1"));
    }

    static String newSid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** One message's mutable state; snapshots are taken under its lock. */
    final class Stored {
        final String sid;
        final long seq;
        final String direction;
        final String from;
        final String to;
        final String messagingServiceSid;
        final String body;
        final String statusCallback;
        final int numSegments;
        final Instant dateCreated;
        private String status;
        private Integer errorCode;
        private Instant dateUpdated;
        private Instant dateSent;

        Stored(String sid, long seq, String direction, String from, String to, String messagingServiceSid,
               String body, String status, String statusCallback, Instant now) {
            this.sid = sid;
            this.seq = seq;
            this.direction = direction;
            this.from = from;
            this.to = to;
            this.messagingServiceSid = messagingServiceSid;
            this.body = body;
            this.status = status;
            this.statusCallback = statusCallback;
            this.numSegments = SmsSegments.count(body);
            this.dateCreated = now;
            this.dateUpdated = now;
        }

        synchronized void moveTo(String newStatus, Integer newErrorCode, Instant now) {
            status = newStatus;
            errorCode = newErrorCode;
            dateUpdated = now;
            if (dateSent == null && !newStatus.equals("failed") && !newStatus.equals("sending")) {
                dateSent = now;
            }
        }

        synchronized TwilioMessage snapshot() {
            return new TwilioMessage(sid, options.accountSid, direction, from, to, messagingServiceSid, body, status,
                    errorCode, errorCode == null ? null : TwilioErrors.text(errorCode), statusCallback, numSegments,
                    dateCreated, dateUpdated, dateSent);
        }
    }

    /** Settings of a Twilio fake; {@link #start()} starts it. */
    public static final class Builder {
        private final Options o = new Options();

        public Builder host(String host) { o.host = host; return this; }
        /** 0 (default): an ephemeral port. */
        public Builder port(int port) { o.port = port; return this; }
        /** AC + 32 hex digits; default random. */
        public Builder accountSid(String sid) { o.accountSid = sid; return this; }
        /** Default random (32 hex digits). */
        public Builder authToken(String token) { o.authToken = token; return this; }
        /**
         * Also accept an API key (SK + 32 hex digits) and its secret as Basic credentials, as Twilio does
         * ({@code new TwilioRestClient.Builder(apiKeySid, apiKeySecret).accountSid(accountSid)}); webhooks stay
         * signed with the auth token.
         */
        public Builder apiKey(String sid, String secret) { o.apiKeySid = sid; o.apiKeySecret = secret; return this; }
        public Builder inboundWebhook(String url) { o.inboundWebhook = url; return this; }
        public Builder autoDeliver(boolean on) { o.autoDeliver = on; return this; }
        /** How long after acceptance an auto-delivered message becomes sent and delivered (default 50 ms). */
        public Builder deliveryDelay(Duration d) { o.deliveryDelay = d; return this; }
        /** How long a HANG fault holds a request at most (default 60 s). */
        public Builder hangLimit(Duration d) { o.hangLimit = d; return this; }
        /** The Retry-After a RATE_LIMITED fault sends (default 1 s). */
        public Builder retryAfterSeconds(int s) { o.retryAfterSeconds = s; return this; }
        public Builder clock(Clock clock) { o.clock = clock; return this; }

        public TwilioFake start() {
            if (!o.accountSid.matches("AC[0-9a-fA-F]{32}")) {
                throw new IllegalArgumentException("an account SID is AC + 32 hex digits: " + o.accountSid);
            }
            return new TwilioFake(o);
        }
    }

    static final class Options {
        String host = "localhost";
        int port;
        String accountSid = newSid("AC");
        String authToken = newSid("").substring(0, 32);
        String inboundWebhook;
        String apiKeySid;
        String apiKeySecret;
        boolean autoDeliver = true;
        Duration deliveryDelay = Duration.ofMillis(50);
        Duration hangLimit = Duration.ofSeconds(60);
        int retryAfterSeconds = 1;
        Clock clock = Clock.systemUTC();
    }
}

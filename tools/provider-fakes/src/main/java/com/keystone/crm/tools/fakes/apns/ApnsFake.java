package com.keystone.crm.tools.fakes.apns;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Certificates;
import io.netty.buffer.ByteBuf;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An APNs provider API (HTTP/2 over TLS) on a local port: Pushy's {@link MockApnsServer} with a generated TLS
 * certificate, token-based authentication against a generated signing key, and a handler that records every push,
 * refuses malformed device tokens (400 BadDeviceToken), unregistered ones (410 Unregistered with a timestamp),
 * disallowed topics, missing/invalid/expired provider tokens, and answers the injected faults (429, 500, 503).
 *
 * <p>A Pushy {@code ApnsClient} connects with {@code setApnsServer("localhost", port())},
 * {@code setTrustedServerCertificateChain(serverCertificate())} and
 * {@code setSigningKey(ApnsSigningKey.loadFromInputStream(signingKeyPkcs8(), teamId(), keyId()))}.
 */
public final class ApnsFake implements AutoCloseable {

    private final String host;
    private final String teamId;
    private final String keyId;
    private final Set<String> topics;
    private final Clock clock;
    private final KeyPair tlsKeys = Certificates.ecKeyPair();
    private final X509Certificate serverCertificate;
    private final KeyPair signingKeys = Certificates.ecKeyPair();
    private final ApnsVerificationKey verificationKey;
    private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1);
    private final MockApnsServer server;
    private final int port;
    private final ConcurrentLinkedDeque<ApnsPush> pushes = new ConcurrentLinkedDeque<>();
    private final Map<String, Instant> unregistered = new ConcurrentHashMap<>();
    private final Deque<FailureMode> faults = new ArrayDeque<>();
    private volatile FailureMode alwaysFail;
    private final ObjectMapper json = new ObjectMapper();

    private ApnsFake(Builder b) {
        this.host = b.host;
        this.teamId = b.teamId;
        this.keyId = b.keyId;
        this.topics = Set.copyOf(b.topics);
        this.clock = b.clock;
        this.serverCertificate = Certificates.selfSigned(tlsKeys, b.host, b.host, "localhost", "127.0.0.1");
        try {
            this.verificationKey = new ApnsVerificationKey(keyId, teamId, (ECPublicKey) signingKeys.getPublic());
            this.server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[] {serverCertificate}, tlsKeys.getPrivate(), null)
                    .setEventLoopGroup(eventLoop)
                    .setHandlerFactory(session -> new ApnsHandler(this))
                    .setListener(new Recorder())
                    .generateApnsUniqueId(true)
                    .build();
            this.port = (Integer) server.start(b.port).get(10, TimeUnit.SECONDS);
        } catch (GeneralSecurityException | java.io.IOException | ExecutionException | TimeoutException e) {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot start the APNs fake", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the APNs fake", e);
        }
    }

    public static ApnsFake start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The TLS certificate the client must trust ({@code setTrustedServerCertificateChain}). */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** The same, PEM-encoded (for a file the service's config points at). */
    public String serverCertificatePem() {
        return Certificates.pem(serverCertificate);
    }

    public String teamId() {
        return teamId;
    }

    public String keyId() {
        return keyId;
    }

    /** The APNs auth key (.p8 content, PKCS#8 PEM) provider tokens must be signed with. */
    public String signingKeyPem() {
        return Certificates.pkcs8Pem(signingKeys.getPrivate());
    }

    /** {@link #signingKeyPem()} as a stream, for {@code ApnsSigningKey.loadFromInputStream(in, teamId, keyId)}. */
    public ByteArrayInputStream signingKeyPkcs8() {
        return new ByteArrayInputStream(signingKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** The signing key as Pushy's type. */
    public ApnsSigningKey signingKey() {
        try {
            return new ApnsSigningKey(keyId, teamId, (ECPrivateKey) signingKeys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Set<String> topics() {
        return topics;
    }

    /** Every push accepted, oldest first. */
    public List<ApnsPush> pushes() {
        return pushes.stream().filter(ApnsPush::accepted).toList();
    }

    public List<ApnsPush> pushesTo(String deviceToken) {
        return pushes().stream().filter(p -> p.deviceToken().equalsIgnoreCase(deviceToken)).toList();
    }

    /** Every push rejected, oldest first, with its reason. */
    public List<ApnsPush> rejections() {
        return pushes.stream().filter(p -> !p.accepted()).toList();
    }

    /** Pushes to this device token get 410 Unregistered (the app was removed) with the current time. */
    public ApnsFake unregister(String deviceToken) {
        unregistered.put(deviceToken.toLowerCase(), clock.instant());
        return this;
    }

    /**
     * The next {@code n} pushes fail: SERVER_ERROR → 500 InternalServerError, SERVICE_UNAVAILABLE → 503
     * ServiceUnavailable, RATE_LIMITED → 429 TooManyRequests. HANG and ACCEPT_THEN_HANG are not offered (the handler
     * runs on the server's event loop).
     */
    public synchronized ApnsFake failNext(int n, FailureMode mode) {
        requireSupported(mode);
        for (int i = 0; i < n; i++) {
            faults.addLast(mode);
        }
        return this;
    }

    public ApnsFake failAlways(FailureMode mode) {
        requireSupported(mode);
        this.alwaysFail = mode;
        return this;
    }

    public synchronized ApnsFake clearFaults() {
        faults.clear();
        alwaysFail = null;
        return this;
    }

    private static void requireSupported(FailureMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (mode == FailureMode.HANG || mode == FailureMode.ACCEPT_THEN_HANG) {
            throw new UnsupportedOperationException("the APNs fake cannot hang: " + mode);
        }
    }

    public void reset() {
        pushes.clear();
        unregistered.clear();
        clearFaults();
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        } finally {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    synchronized FailureMode takeFault() {
        FailureMode next = faults.pollFirst();
        return next != null ? next : alwaysFail;
    }

    ApnsVerificationKey verificationKey() {
        return verificationKey;
    }

    Clock clock() {
        return clock;
    }

    Instant unregisteredAt(String deviceToken) {
        return unregistered.get(deviceToken.toLowerCase());
    }

    /** Records what Pushy's server handler decided (accepted, or rejected with a reason). */
    private final class Recorder implements com.eatthepath.pushy.apns.server.MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            pushes.addLast(push(headers, payload, null));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload,
                com.eatthepath.pushy.apns.server.RejectionReason reason, Instant expiration) {
            pushes.addLast(push(headers, payload, reason == null ? "unknown" : reason.toString()));
        }
    }

    private ApnsPush push(Http2Headers headers, ByteBuf payload, String rejection) {
        String path = string(headers.path());
        String token = path != null && path.startsWith("/3/device/") ? path.substring(10) : path;
        String text = payload == null ? "" : payload.toString(StandardCharsets.UTF_8);
        String title = null;
        String body = null;
        try {
            JsonNode alert = json.readTree(text).path("aps").path("alert");
            if (alert.isTextual()) {
                body = alert.asText();
            } else {
                title = alert.path("title").isTextual() ? alert.path("title").asText() : null;
                body = alert.path("body").isTextual() ? alert.path("body").asText() : null;
            }
        } catch (Exception e) {
            // not JSON: recorded as it came
        }
        return new ApnsPush(token, string(headers.get("apns-topic")), string(headers.get("apns-push-type")),
                string(headers.get("apns-priority")), string(headers.get("apns-collapse-id")),
                string(headers.get("apns-id")), text, title, body, rejection, clock.instant());
    }

    private static String string(CharSequence s) {
        return s == null ? null : s.toString();
    }

    /** Settings of an APNs fake; {@link #start()} starts it. */
    public static final class Builder {
        private String host = "localhost";
        private int port;
        private String teamId = "KEYSTONE01";
        private String keyId = "FAKEKEY001";
        private Set<String> topics = Set.of("com.keystone.crm.agent");
        private Clock clock = Clock.systemUTC();

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        /** The Apple developer team id of the signing key (10 characters). */
        public Builder teamId(String teamId) { this.teamId = teamId; return this; }
        public Builder keyId(String keyId) { this.keyId = keyId; return this; }
        /** The app bundle ids (apns-topic values) the key may push to; default com.keystone.crm.agent. */
        public Builder topics(Set<String> topics) { this.topics = topics; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }

        public ApnsFake start() {
            return new ApnsFake(this);
        }
    }
}

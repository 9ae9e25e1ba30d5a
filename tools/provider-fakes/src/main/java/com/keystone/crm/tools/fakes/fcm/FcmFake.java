package com.keystone.crm.tools.fakes.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.tools.fakes.FailureMode;
import com.keystone.crm.tools.fakes.http.Certificates;
import com.keystone.crm.tools.fakes.http.FakeHttpServer;
import com.keystone.crm.tools.fakes.http.Faults;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A fake of Firebase Cloud Messaging's HTTP v1 API and of Google's OAuth2 token endpoint, on one local port.
 *
 * <ul>
 *   <li>{@code POST /token}: the service-account JWT bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 *       {@code assertion} = an RS256 JWT signed with the fake's service-account key, aud = this URL, a messaging or
 *       cloud-platform scope, not expired) → {@code {"access_token", "expires_in", "token_type": "Bearer"}}.
 *       {@link #serviceAccountJson()} is a service-account key file whose {@code token_uri} is this endpoint, so
 *       google-auth-library's ServiceAccountCredentials works against the fake unchanged.</li>
 *   <li>{@code POST /v1/projects/{project}/messages:send} with {@code Authorization: Bearer} an issued token:
 *       {@code {"message": {"token" | "topic" | "condition", "notification", "data", "android", "apns", ...},
 *       "validate_only"}} → {@code {"name": "projects/{project}/messages/{id}"}}; FCM's errors: 400 INVALID_ARGUMENT
 *       (malformed token, bad message), 401 UNAUTHENTICATED, 403 PERMISSION_DENIED (another project), 404
 *       UNREGISTERED ({@link #unregister}), and the faults 429 QUOTA_EXCEEDED (Retry-After), 500 INTERNAL, 503
 *       UNAVAILABLE.</li>
 * </ul>
 */
public final class FcmFake implements AutoCloseable {

    static final Set<String> SCOPES = Set.of("https://www.googleapis.com/auth/firebase.messaging",
            "https://www.googleapis.com/auth/cloud-platform");

    private final Options options;
    private final FakeHttpServer server;
    private final Faults faults;
    private final KeyPair serviceAccountKeys = Certificates.rsaKeyPair();
    private final String privateKeyId = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<FcmMessage> messages = new ConcurrentLinkedDeque<>();

    private FcmFake(Options options) {
        this.options = options;
        this.faults = new Faults(options.hangLimit, options.retryAfterSeconds);
        this.server = new FakeHttpServer("fcm", options.host, options.port, new FcmApi(this));
    }

    public static FcmFake start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public String projectId() {
        return options.projectId;
    }

    /** The OAuth2 token endpoint (the token_uri of {@link #serviceAccountJson()}). */
    public String tokenUri() {
        return baseUrl() + "/token";
    }

    /** https://fcm.googleapis.com/v1/projects/{project}/messages:send, here. */
    public String sendUrl() {
        return baseUrl() + "/v1/projects/" + options.projectId + "/messages:send";
    }

    public String clientEmail() {
        return "firebase-adminsdk@" + options.projectId + ".iam.gserviceaccount.com";
    }

    /** A service-account key file (JSON) for this fake: its private key signs the JWT grant, token_uri is the fake. */
    public String serviceAccountJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("type", "service_account");
        node.put("project_id", options.projectId);
        node.put("private_key_id", privateKeyId);
        node.put("private_key", Certificates.pkcs8Pem(serviceAccountKeys.getPrivate()));
        node.put("client_email", clientEmail());
        node.put("client_id", "100000000000000000001");
        node.put("auth_uri", baseUrl() + "/auth");
        node.put("token_uri", tokenUri());
        return node.toPrettyString();
    }

    public byte[] serviceAccountJsonBytes() {
        return serviceAccountJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Every message accepted, oldest first. */
    public List<FcmMessage> messages() {
        return List.copyOf(messages);
    }

    public List<FcmMessage> messagesTo(String token) {
        return messages().stream().filter(m -> token.equals(m.token())).toList();
    }

    /** How many access tokens the token endpoint issued. */
    public int issuedAccessTokens() {
        return accessTokens.size();
    }

    /** Sends to this registration token fail with 404 UNREGISTERED (the app was uninstalled). */
    public FcmFake unregister(String registrationToken) {
        unregistered.add(registrationToken);
        return this;
    }

    public FcmFake failNext(int n, FailureMode mode) {
        faults.failNext(n, mode);
        return this;
    }

    public FcmFake failAlways(FailureMode mode) {
        faults.failAlways(mode);
        return this;
    }

    public FcmFake clearFaults() {
        faults.clear();
        return this;
    }

    /** Forgets messages, unregistered tokens and faults (issued access tokens stay valid). */
    public void reset() {
        messages.clear();
        unregistered.clear();
        faults.clear();
    }

    @Override
    public void close() {
        faults.clear();
        server.close();
    }

    // ---------------------------------------------------------------------------------------------- internals

    Faults faults() {
        return faults;
    }

    Clock clock() {
        return options.clock;
    }

    Duration tokenLifetime() {
        return options.tokenLifetime;
    }

    RSAPublicKey serviceAccountPublicKey() {
        return (RSAPublicKey) serviceAccountKeys.getPublic();
    }

    String issueAccessToken() {
        String token = "ya29.fake-" + UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(token, options.clock.instant().plus(options.tokenLifetime));
        return token;
    }

    boolean validAccessToken(String token) {
        Instant expiry = accessTokens.get(token);
        return expiry != null && options.clock.instant().isBefore(expiry);
    }

    boolean isUnregistered(String token) {
        return unregistered.contains(token);
    }

    void record(FcmMessage message) {
        messages.addLast(message);
    }

    /** Settings of an FCM fake; {@link #start()} starts it. */
    public static final class Builder {
        private final Options o = new Options();

        public Builder host(String host) { o.host = host; return this; }
        public Builder port(int port) { o.port = port; return this; }
        /** Default keystone-crm-fake. */
        public Builder projectId(String projectId) { o.projectId = projectId; return this; }
        /** Access token lifetime (default 1 h, as Google's). */
        public Builder tokenLifetime(Duration d) { o.tokenLifetime = d; return this; }
        public Builder hangLimit(Duration d) { o.hangLimit = d; return this; }
        public Builder retryAfterSeconds(int s) { o.retryAfterSeconds = s; return this; }
        public Builder clock(Clock clock) { o.clock = clock; return this; }

        public FcmFake start() {
            return new FcmFake(o);
        }
    }

    static final class Options {
        String host = "localhost";
        int port;
        String projectId = "keystone-crm-fake";
        Duration tokenLifetime = Duration.ofHours(1);
        Duration hangLimit = Duration.ofSeconds(60);
        int retryAfterSeconds = 1;
        Clock clock = Clock.systemUTC();
    }
}

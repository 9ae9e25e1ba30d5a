package com.keystone.crm.notification.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.keystone.crm.notification.config.NotifyConfig;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Push to Android devices through FCM HTTP v1 ({@code POST /v1/projects/{project}/messages:send}) with an OAuth2
 * access token of a service account (google-auth-library: the key file's JWT bearer grant at its token_uri, refreshed
 * before it expires). The delivery id is the Android collapse key and notification tag, so a resend after an unknown outcome replaces the
 * first notification on the phone instead of showing it twice.
 *
 * <p>A token FCM reports unregistered (404 UNREGISTERED), malformed (400 on message.token) or of another project
 * (SENDER_ID_MISMATCH) is the recipient's fault: the device is removed. 401, 429, 5xx and network faults are the
 * provider's.
 */
public class FcmProvider implements PushProvider {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final Set<String> TOKEN_ERRORS = Set.of("UNREGISTERED", "SENDER_ID_MISMATCH");

    private final String name;
    private final URI sendUrl;
    private final Duration timeout;
    private final GoogleCredentials credentials;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public FcmProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.timeout = config.timeout();
        String file = config.serviceAccountFile().orElseThrow(() -> new IllegalStateException(
                "crm.notify.providers." + name + ".service-account-file is required"));
        ServiceAccountCredentials account;
        try (InputStream in = new FileInputStream(file)) {
            account = ServiceAccountCredentials.fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("crm.notify.providers." + name + ".service-account-file: " + e.getMessage(), e);
        }
        String project = config.projectId().or(() -> Optional.ofNullable(account.getProjectId())).orElseThrow(() ->
                new IllegalStateException("crm.notify.providers." + name + ".project-id is required (the key file has none)"));
        this.credentials = account.createScoped(SCOPE);
        String base = config.baseUrl().orElse("https://fcm.googleapis.com");
        this.sendUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v1/projects/" + project + "/messages:send");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String channel() {
        return "push";
    }

    /** android: FCM registration tokens. */
    @Override
    public boolean serves(String platform) {
        return "android".equals(platform);
    }

    @Override
    public String send(OutgoingMessage m) throws ProviderFault, RecipientFault, OutcomeUnknown {
        String accessToken;
        try {
            credentials.refreshIfExpired();
            accessToken = credentials.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw new ProviderFault("oauth2", "FCM access token unavailable: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(sendUrl).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(m))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ProviderFault("connect", "FCM unreachable: " + e.getMessage(), e);
        } catch (IOException e) {
            if (TwilioProvider.neverConnected(e)) {
                throw new ProviderFault("connect", "FCM unreachable: " + e.getMessage(), e);
            }
            throw new OutcomeUnknown("FCM call broke off: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknown("interrupted during the FCM call", e);
        }
        return answer(response);
    }

    private String body(OutgoingMessage m) {
        ObjectNode root = json.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", m.to());
        ObjectNode notification = message.putObject("notification");
        if (m.subject() != null) {
            notification.put("title", m.subject());
        }
        notification.put("body", m.text());
        if (m.data() != null && !m.data().isEmpty()) {
            ObjectNode data = message.putObject("data");
            m.data().forEach(data::put);
        }
        ObjectNode android = message.putObject("android").put("collapse_key", m.notificationId().toString()).put("priority", "high");
        // the tag replaces a notification already in the drawer: a resend after an unknown outcome shows as one
        android.putObject("notification").put("tag", m.notificationId().toString());
        return root.toString();
    }

    private String answer(HttpResponse<String> response) throws ProviderFault, RecipientFault {
        JsonNode body;
        try {
            body = json.readTree(response.body() == null || response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        int status = response.statusCode();
        if (status == 200 && body.path("name").isTextual()) {
            return body.get("name").asText();
        }
        JsonNode error = body.path("error");
        String fcmCode = null;
        boolean tokenViolation = false;
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith("FcmError")) {
                fcmCode = detail.path("errorCode").asText(null);
            }
            for (JsonNode violation : detail.path("fieldViolations")) {
                tokenViolation |= "message.token".equals(violation.path("field").asText());
            }
        }
        String code = fcmCode != null ? fcmCode : error.path("status").asText(String.valueOf(status));
        String message = "FCM answered " + status + ": " + error.path("message").asText("");
        if ((fcmCode != null && TOKEN_ERRORS.contains(fcmCode)) || (status == 400 && tokenViolation)) {
            throw new RecipientFault(code, message, false);
        }
        throw new ProviderFault(code, message, null);
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("FCM cannot be asked which messages it took");
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.RESEND_SAME_ID;
    }
}

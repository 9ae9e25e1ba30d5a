package com.keystone.crm.tools.fakes.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.keystone.crm.tools.fakes.FailureMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FcmFakeTest {

    private static final String DEVICE = "dXk2Fj3kQ0e:APA91bH-" + "x".repeat(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FcmFake fcm;
    private static GoogleCredentials credentials;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        fcm = FcmFake.start();
        // exactly what notification-service does with a key file: the key file's token_uri points at the fake
        credentials = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(fcm.serviceAccountJsonBytes()))
                .createScoped("https://www.googleapis.com/auth/firebase.messaging");
    }

    @AfterAll
    static void stop() {
        fcm.close();
    }

    @AfterEach
    void reset() {
        fcm.reset();
    }

    private static String accessToken() throws IOException {
        credentials.refreshIfExpired();
        return credentials.getAccessToken().getTokenValue();
    }

    private static HttpResponse<String> send(String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fcm.sendUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json; UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(String token) {
        return "{\"message\":{\"token\":\"" + token + "\",\"notification\":{\"title\":\"New lead\",\"body\":\"Jane Doe, "
                + "123 Main St\"},\"data\":{\"leadId\":\"L-1\"},\"apns\":{\"payload\":{\"aps\":{\"sound\":\"default\"}}}}}";
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void googleAuthLibraryGetsATokenAndTheSendIsRecorded() throws Exception {
        String token = accessToken();
        assertThat(token).startsWith("ya29.");
        assertThat(fcm.issuedAccessTokens()).isGreaterThanOrEqualTo(1);

        HttpResponse<String> answer = send(message(DEVICE), token);

        assertThat(answer.statusCode()).isEqualTo(200);
        String name = json(answer.body()).get("name").asText();
        assertThat(name).startsWith("projects/" + fcm.projectId() + "/messages/0:");
        assertThat(fcm.messagesTo(DEVICE)).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo(name);
            assertThat(m.title()).isEqualTo("New lead");
            assertThat(m.body()).isEqualTo("Jane Doe, 123 Main St");
            assertThat(m.data()).containsEntry("leadId", "L-1");
            assertThat(m.validateOnly()).isFalse();
            assertThat(m.requestJson()).contains("\"sound\":\"default\"");
        });
    }

    @Test
    void unregisteredAndMalformedTokensAreFcmErrors() throws Exception {
        fcm.unregister(DEVICE);
        HttpResponse<String> gone = send(message(DEVICE), accessToken());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(gone.body()).at("/error/details/0/errorCode").asText()).isEqualTo("UNREGISTERED");

        HttpResponse<String> malformed = send(message("not a token"), accessToken());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(malformed.body()).at("/error/details/1/fieldViolations/0/field").asText())
                .isEqualTo("message.token");

        assertThat(send("{\"message\":{\"token\":\"" + DEVICE + "\",\"topic\":\"news\"}}", accessToken())
                .statusCode()).isEqualTo(400);
        assertThat(send("{\"message\":{\"token\":\"" + DEVICE + "\",\"data\":{\"n\":1}}}", accessToken())
                .statusCode()).isEqualTo(400);
        assertThat(send("{not json", accessToken()).statusCode()).isEqualTo(400);
        assertThat(send("{}", accessToken()).statusCode()).isEqualTo(400);
        assertThat(fcm.messages()).isEmpty();
    }

    @Test
    void dryRunsAndTopicsAreAccepted() throws Exception {
        HttpResponse<String> dry = send("{\"validate_only\":true,\"message\":{\"topic\":\"agents\","
                + "\"notification\":{\"title\":\"t\"}}}", accessToken());
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry.body()).get("name").asText()).endsWith("/messages/fake_message_id");
        assertThat(fcm.messages()).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo("agents");
            assertThat(m.validateOnly()).isTrue();
        });
    }

    @Test
    void withoutAValidBearerTokenItIs401AndAnotherProjectIs403() throws Exception {
        HttpResponse<String> none = send(message(DEVICE), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(send(message(DEVICE), "ya29.forged").statusCode()).isEqualTo(401);

        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(fcm.baseUrl()
                        + "/v1/projects/someone-else/messages:send"))
                .header("Authorization", "Bearer " + accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(message(DEVICE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other.body()).at("/error/details/0/errorCode").asText()).isEqualTo("SENDER_ID_MISMATCH");
    }

    @Test
    void theTokenEndpointRefusesForeignOrBadGrants() throws Exception {
        try (FcmFake other = FcmFake.start()) {
            // a key file of another fake (another private key) but pointed at this fake's token endpoint
            String foreign = other.serviceAccountJson().replace(other.tokenUri(), fcm.tokenUri())
                    .replace(other.clientEmail(), fcm.clientEmail());
            GoogleCredentials forged = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(foreign.getBytes())).createScoped(FcmFake.SCOPES.iterator().next());
            assertThatThrownBy(forged::refresh).isInstanceOf(IOException.class).hasMessageContaining("invalid_grant");
        }
        GoogleCredentials unscoped = ServiceAccountCredentials.fromStream(
                new ByteArrayInputStream(fcm.serviceAccountJsonBytes())).createScoped("https://www.googleapis.com/auth/drive");
        assertThatThrownBy(unscoped::refresh).isInstanceOf(IOException.class).hasMessageContaining("scope");

        HttpResponse<String> wrongGrant = HTTP.send(HttpRequest.newBuilder(URI.create(fcm.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongGrant.statusCode()).isEqualTo(400);
        assertThat(json(wrongGrant.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
        HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(URI.create(fcm.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(garbage.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void providerFaultsAreFcmErrors() throws Exception {
        String token = accessToken();
        fcm.failNext(1, FailureMode.RATE_LIMITED);
        HttpResponse<String> quota = send(message(DEVICE), token);
        assertThat(quota.statusCode()).isEqualTo(429);
        assertThat(quota.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(quota.body()).at("/error/details/0/errorCode").asText()).isEqualTo("QUOTA_EXCEEDED");
        fcm.failNext(1, FailureMode.SERVICE_UNAVAILABLE);
        assertThat(send(message(DEVICE), token).statusCode()).isEqualTo(503);
        fcm.failNext(1, FailureMode.SERVER_ERROR);
        assertThat(send(message(DEVICE), token).statusCode()).isEqualTo(500);
        assertThat(fcm.messages()).isEmpty();

        fcm.failNext(1, FailureMode.ACCEPT_THEN_HANG);
        assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(fcm.sendUrl()))
                .timeout(Duration.ofMillis(300)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(message(DEVICE))).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        fcm.clearFaults();
        assertThat(fcm.messagesTo(DEVICE)).hasSize(1);
        assertThat(send(message(DEVICE), token).statusCode()).isEqualTo(200);
    }
}

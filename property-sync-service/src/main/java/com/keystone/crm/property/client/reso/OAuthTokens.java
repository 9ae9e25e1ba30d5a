package com.keystone.crm.property.client.reso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsException.Kind;
import com.keystone.crm.property.client.http.ProviderHttp;
import com.keystone.crm.property.client.http.Waiter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * OAuth2 client credentials (RFC 6749 §4.4) with the client authenticated by HTTP Basic (§2.3.1). The token is
 * fetched on first use, renewed shortly before {@code expires_in} runs out and dropped on a 401 so the next request
 * fetches a fresh one. Without a token URL the client secret is used as a long-lived bearer token.
 */
public final class OAuthTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderHttp http;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Waiter waiter;
    private String token;
    private Instant renewAt = Instant.MIN;
    private long issued;

    public OAuthTokens(ProviderHttp http, String tokenUrl, String clientId, String clientSecret, Waiter waiter) {
        this.http = http;
        this.tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? null : URI.create(tokenUrl);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.waiter = waiter;
    }

    /** The Authorization header value to send now. */
    public synchronized String authorization() {
        if (tokenUrl == null) {
            return "Bearer " + clientSecret;
        }
        if (token == null || !waiter.now().isBefore(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    /** The server refused the token (401): the next request fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    /** Tokens issued so far (for tests and the dashboard). */
    public synchronized long issued() {
        return issued;
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        JsonNode body = http.execute(() -> ClassicRequestBuilder.post(tokenUrl)
                .addHeader("Authorization", "Basic " + basic)
                .addHeader("Accept", "application/json")
                .setEntity("grant_type=client_credentials", ContentType.APPLICATION_FORM_URLENCODED)
                .build(), false, response -> JSON.readTree(response.getEntity().getContent()));
        JsonNode accessToken = body.get("access_token");
        if (accessToken == null || accessToken.asText().isBlank()) {
            throw new MlsException(Kind.AUTHENTICATION, 200, null, "token response without access_token: " + body, null);
        }
        token = accessToken.asText();
        issued++;
        long expiresIn = body.path("expires_in").asLong(3600);
        // renew a little early: a tenth of the lifetime, at most a minute
        long margin = Math.min(60, Math.max(1, expiresIn / 10));
        renewAt = waiter.now().plus(Duration.ofSeconds(Math.max(0, expiresIn - margin)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}

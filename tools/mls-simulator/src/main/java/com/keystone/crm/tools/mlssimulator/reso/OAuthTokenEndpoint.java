package com.keystone.crm.tools.mlssimulator.reso;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 6749 §4.4 client credentials grant: POST form {@code grant_type=client_credentials}, the client
 * authenticated by HTTP Basic or by {@code client_id}/{@code client_secret} form fields.
 */
public final class OAuthTokenEndpoint implements Endpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenStore tokens;
    private final String clientId;
    private final String clientSecret;
    private final Duration ttl;

    public OAuthTokenEndpoint(TokenStore tokens, String clientId, String clientSecret, Duration ttl) {
        this.tokens = tokens;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.ttl = ttl;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            error(ex, 405, "invalid_request", "use POST");
            return;
        }
        Map<String, String> form = Http.params(ex);
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        boolean usedBasic = basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6);
        if (usedBasic) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            id = colon < 0 ? decoded : Http.decode(decoded.substring(0, colon));
            secret = colon < 0 ? "" : Http.decode(decoded.substring(colon + 1));
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            error(ex, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            if (usedBasic) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"reso\"");
            }
            error(ex, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        if (!"client_credentials".equals(grant)) {
            error(ex, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        TokenStore.Issued token = tokens.issue(ttl);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresInSeconds());
        body.put("scope", form.getOrDefault("scope", "api"));
        Http.send(ex, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void error(HttpExchange ex, int status, String error, String description) throws IOException {
        Map<String, String> body = Map.of("error", error, "error_description", description);
        Http.send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }
}

package com.keystone.crm.tools.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives the demo tenant its MLS providers in property-sync-service (through the api-gateway, which routes
 * {@code /api/v1/mls} there) with the demo admin's token, and asks each for a sync now instead of at its next cron
 * time. Running it again creates nothing twice: an existing provider (by name) is kept, and a sync already queued or
 * running (409) counts as requested.
 */
public final class MlsProviderSeeder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One provider of the demo tenant and the sync run asked for it (null when one was already queued or running). */
    public record Seeded(String name, String protocol, String id, String syncRunId) {
    }

    public MlsProviderSeeder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<Seeded> seed(String adminToken, List<Map<String, Object>> providers) throws IOException, InterruptedException {
        JsonNode existing = call("GET", "/api/v1/mls/providers", adminToken, null, 200).body();
        List<Seeded> seeded = new ArrayList<>();
        for (Map<String, Object> provider : providers) {
            String name = String.valueOf(provider.get("name"));
            String id = null;
            for (JsonNode p : existing) {
                if (name.equals(p.path("name").asText())) {
                    id = p.path("id").asText();
                }
            }
            if (id == null) {
                id = call("POST", "/api/v1/mls/providers", adminToken, provider, 201).body().path("id").asText();
            }
            Reply run = call("POST", "/api/v1/mls/providers/" + id + "/sync-runs", adminToken, Map.of(), 202, 409);
            seeded.add(new Seeded(name, String.valueOf(provider.get("protocol")), id,
                    run.status() == 202 ? run.body().path("id").asText() : null));
        }
        return seeded;
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(String method, String path, String token, Object body, int... expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (int e : expected) {
            if (r.statusCode() == e) {
                return new Reply(e, r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()));
            }
        }
        throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
}

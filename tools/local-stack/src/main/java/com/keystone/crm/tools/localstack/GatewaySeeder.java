package com.keystone.crm.tools.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo tenant through the running api-gateway: the gateway created the first admin from its
 * {@code CRM_BOOTSTRAP_*} settings; this logs in as that admin, creates the demo team and the demo agent (the gateway
 * publishes their {@code user.created} through its outbox), then logs both users in for their first tokens.
 * Running it again finds what exists and creates nothing twice.
 */
public final class GatewaySeeder {
    public static final String ADMIN_PASSWORD = "demo-admin-passphrase";
    public static final String AGENT_PASSWORD = "demo-agent-passphrase";
    public static final String TEAM_NAME = "Demo Team";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewaySeeder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The gateway's settings that make it create the demo tenant's first admin at start. */
    public static Map<String, String> bootstrapEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRM_BOOTSTRAP_TENANT_ID", DemoUser.TENANT);
        env.put("CRM_BOOTSTRAP_TENANT_NAME", "Demo Brokerage");
        env.put("CRM_BOOTSTRAP_ADMIN_EMAIL", DemoUser.ADMIN.email());
        env.put("CRM_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    /** Creates what is missing and answers a fresh access token per demo user. */
    public Map<DemoUser, String> seed() throws IOException, InterruptedException {
        String admin = login(DemoUser.ADMIN.email(), ADMIN_PASSWORD);
        String teamId = null;
        for (JsonNode team : call("GET", "/api/v1/admin/teams", admin, null, 200)) {
            if (TEAM_NAME.equals(team.path("name").asText())) {
                teamId = team.path("id").asText();
            }
        }
        if (teamId == null) {
            teamId = call("POST", "/api/v1/admin/teams", admin, Map.of("name", TEAM_NAME), 201).path("id").asText();
        }
        boolean agentExists = false;
        for (JsonNode user : call("GET", "/api/v1/admin/users", admin, null, 200)) {
            agentExists |= DemoUser.AGENT.email().equals(user.path("email").asText());
        }
        if (!agentExists) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("email", DemoUser.AGENT.email());
            agent.put("password", AGENT_PASSWORD);
            agent.put("roles", List.of("agent"));
            agent.put("teamId", teamId);
            agent.put("displayName", DemoUser.AGENT.displayName());
            call("POST", "/api/v1/admin/users", admin, agent, 201);
        }
        Map<DemoUser, String> tokens = new LinkedHashMap<>();
        tokens.put(DemoUser.AGENT, login(DemoUser.AGENT.email(), AGENT_PASSWORD));
        tokens.put(DemoUser.ADMIN, login(DemoUser.ADMIN.email(), ADMIN_PASSWORD));
        return tokens;
    }

    String login(String email, String password) throws IOException, InterruptedException {
        return call("POST", "/auth/login", null, Map.of("email", email, "password", password), 200).path("accessToken").asText();
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}

package com.keystone.crm.tools.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seeder against a small HTTP double of property-sync-service's provider API (what it answers is what the
 * service's own tests assert): creates what is missing, never twice, and a 409 on the sync means one is running.
 */
class MlsProviderSeederTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin.token.sig";
    private HttpServer server;
    private final ArrayNode providers = JSON.createArrayNode();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> created = new CopyOnWriteArrayList<>();
    private volatile int syncStatus = 202;
    private volatile int createStatus = 201;

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/v1/mls/providers", this::handle);
        server.start();
    }

    @AfterEach
    void stopApi() {
        server.stop(0);
    }

    private String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("GET")) {
            send(ex, 200, providers.toString());
        } else if (path.endsWith("/sync-runs")) {
            send(ex, syncStatus, syncStatus == 202 ? "{\"id\":\"run-" + path.split("/")[5] + "\",\"status\":\"queued\"}"
                    : "{\"status\":409,\"title\":\"Conflict\"}");
        } else if (createStatus != 201) {
            send(ex, createStatus, "{\"status\":422,\"title\":\"Unprocessable Content\",\"errors\":[{\"field\":\"credentialsRef\"}]}");
        } else {
            ObjectNode p = (ObjectNode) JSON.readTree(body);
            created.add(p.deepCopy());
            p.put("id", UUID.randomUUID().toString());
            providers.add(p);
            send(ex, 201, p.toString());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void createsTheRetsAndResoProvidersAndRequestsTheirFirstSync() throws Exception {
        List<MlsProviderSeeder.Seeded> seeded = new MlsProviderSeeder(base()).seed(TOKEN, DemoMls.providers(8070));

        assertThat(seeded).extracting(MlsProviderSeeder.Seeded::name)
                .containsExactly(DemoMls.RESO_PROVIDER_NAME, DemoMls.RETS_PROVIDER_NAME);
        assertThat(seeded).allSatisfy(s -> assertThat(s.syncRunId()).isEqualTo("run-" + s.id()));
        assertThat(created).hasSize(2);
        JsonNode reso = created.get(0);
        assertThat(reso.path("protocol").asText()).isEqualTo("reso-web-api");
        assertThat(reso.path("url").asText()).isEqualTo("http://localhost:8070/reso/odata");
        assertThat(reso.path("tokenUrl").asText()).isEqualTo("http://localhost:8070/oauth2/token");
        assertThat(reso.path("credentialsRef").asText()).isEqualTo(DemoMls.RESO_CREDENTIALS_REF);
        JsonNode rets = created.get(1);
        assertThat(rets.path("protocol").asText()).isEqualTo("rets");
        assertThat(rets.path("url").asText()).isEqualTo("http://localhost:8070/rets/login");
        assertThat(rets.path("credentialsRef").asText()).isEqualTo(DemoMls.RETS_CREDENTIALS_REF);
        assertThat(rets.path("searchClasses").asText()).isEqualTo("RES,LND");
        // secrets never go through the API, only their reference
        assertThat(created.toString()).doesNotContain(DemoMls.RETS_PASSWORD, DemoMls.RESO_CLIENT_SECRET);
    }

    @Test
    void aSecondRunCreatesNothingAndTakesARunningSyncAsRequested() throws Exception {
        MlsProviderSeeder seeder = new MlsProviderSeeder(base());
        List<MlsProviderSeeder.Seeded> first = seeder.seed(TOKEN, DemoMls.providers(8070));
        syncStatus = 409;

        List<MlsProviderSeeder.Seeded> second = seeder.seed(TOKEN, DemoMls.providers(8070));

        assertThat(created).hasSize(2);
        assertThat(second).extracting(MlsProviderSeeder.Seeded::id)
                .containsExactlyElementsOf(first.stream().map(MlsProviderSeeder.Seeded::id).toList());
        assertThat(second).allSatisfy(s -> assertThat(s.syncRunId()).isNull());
        assertThat(requests.stream().filter(r -> r.startsWith("POST") && !r.endsWith("/sync-runs"))).hasSize(2);
    }

    @Test
    void aRefusedProviderFailsWithTheServersAnswer() {
        createStatus = 422;

        assertThatThrownBy(() -> new MlsProviderSeeder(base()).seed(TOKEN, DemoMls.providers(8070)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("POST /api/v1/mls/providers answered 422")
                .hasMessageContaining("credentialsRef");
    }

    @Test
    void theTokenIsSentOnEveryCall() {
        assertThatThrownBy(() -> new MlsProviderSeeder(base()).seed("other", List.of(Map.of("name", "x"))))
                .hasMessageContaining("answered 401");
    }
}

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seeder against an HTTP double of the gateway's routes to notification-service's templates and
 * workflow-service's workflows (shapes as those services answer: pages of {@code items}, revisions as strong ETags
 * checked on resume/publish), and the seeded content against the workflow templates in the repository.
 */
class AutomationSeederTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin.token.sig";
    private HttpServer server;
    private final ArrayNode templates = JSON.createArrayNode();
    private final ArrayNode workflows = JSON.createArrayNode();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ArrayNode rules = JSON.createArrayNode();
    private static final String AGENT_ID = "user-agent-7";
    /** How many rule creations lead-service refuses before the agent reaches its directory. */
    private volatile int agentUnknownFor = 0;
    /** How many template seedings the gateway answers 504 (workflow-service too slow) before one gets through. */
    private volatile int templateTimeouts = 0;

    @BeforeEach
    void startApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    @AfterEach
    void stopApi() {
        server.stop(0);
    }

    private String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(method + " " + path);
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{}");
            return;
        }
        if (path.equals("/api/v1/templates") && method.equals("GET")) {
            String key = URLDecoder.decode(query.replaceFirst("^key=", ""), StandardCharsets.UTF_8);
            ArrayNode items = JSON.createArrayNode();
            templates.forEach(t -> {
                if (t.path("key").asText().equals(key)) {
                    items.add(t);
                }
            });
            send(ex, 200, JSON.createObjectNode().set("items", items).toString());
        } else if (path.equals("/api/v1/templates") && method.equals("POST")) {
            if (ex.getRequestHeaders().getFirst("Idempotency-Key") == null) {
                send(ex, 400, "{}");
                return;
            }
            ObjectNode t = (ObjectNode) JSON.readTree(body);
            t.put("id", UUID.randomUUID().toString());
            templates.add(t);
            send(ex, 201, t.toString());
        } else if (path.equals("/api/v1/workflows/templates") && method.equals("POST")) {
            if (templateTimeouts-- > 0) {
                send(ex, 504, "{\"status\":504,\"title\":\"Gateway Timeout\"}");
                return;
            }
            if (workflows.isEmpty()) {
                for (String key : List.of("listing-alerts", "re-engagement", "speed-to-lead")) {
                    workflows.add(workflow(key + " name", key, "paused", 1));
                }
            }
            ArrayNode out = JSON.createArrayNode();
            workflows.forEach(w -> {
                if (!w.path("templateKey").isNull()) {
                    out.add(w);
                }
            });
            send(ex, 200, out.toString());
        } else if (path.equals("/api/v1/workflows") && method.equals("GET")) {
            send(ex, 200, JSON.createObjectNode().<ObjectNode>set("items", workflows).put("nextCursor", (String) null).toString());
        } else if (path.equals("/api/v1/workflows") && method.equals("POST")) {
            JsonNode d = JSON.readTree(body);
            ObjectNode w = workflow(d.path("name").asText(), null, "draft", 0);
            w.set("draft", d);
            w.putNull("publishedVersion");
            workflows.add(w);
            send(ex, 201, w.toString());
        } else if (path.matches("/api/v1/workflows/[^/]+/(resume|publish)") && method.equals("POST")) {
            String id = path.split("/")[4];
            ObjectNode w = null;
            for (JsonNode n : workflows) {
                if (n.path("id").asText().equals(id)) {
                    w = (ObjectNode) n;
                }
            }
            if (w == null) {
                send(ex, 404, "{}");
            } else if (!("\"" + w.path("revision").asLong() + "\"").equals(ex.getRequestHeaders().getFirst("If-Match"))) {
                send(ex, 412, "{\"status\":412}");
            } else {
                w.put("revision", w.path("revision").asLong() + 1);
                w.put("status", "active");
                if (path.endsWith("/publish")) {
                    w.put("publishedVersion", 1);
                }
                send(ex, 200, w.toString());
            }
        } else if (path.equals("/api/v1/admin/users") && method.equals("GET")) {
            send(ex, 200, "[{\"id\":\"user-admin-1\",\"email\":\"" + DemoUser.ADMIN.email() + "\"},{\"id\":\"" + AGENT_ID
                    + "\",\"email\":\"" + DemoUser.AGENT.email() + "\"}]");
        } else if (path.equals("/api/v1/routing-rules") && method.equals("GET")) {
            send(ex, 200, JSON.createObjectNode().<ObjectNode>set("items", rules).toString());
        } else if (path.equals("/api/v1/routing-rules") && method.equals("POST")) {
            JsonNode r = JSON.readTree(body);
            if (!AGENT_ID.equals(r.path("agentId").asText()) || agentUnknownFor-- > 0) {
                send(ex, 422, "{\"status\":422,\"errors\":[{\"field\":\"agentId\"}]}");
                return;
            }
            rules.add(r);
            send(ex, 201, r.toString());
        } else {
            send(ex, 404, "{}");
        }
    }

    private static ObjectNode workflow(String name, String templateKey, String status, long revision) {
        ObjectNode w = JSON.createObjectNode();
        w.put("id", UUID.randomUUID().toString());
        w.put("name", name);
        w.put("status", status);
        w.put("templateKey", templateKey);
        w.put("revision", revision);
        w.put("publishedVersion", 1);
        return w;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void createsTheTemplatesResumesSpeedToLeadAndListingAlertsAndPublishesTheReplyWorkflow() throws Exception {
        AutomationSeeder.Seeded seeded = new AutomationSeeder(base()).seed(TOKEN);

        assertThat(seeded.templatesCreated()).containsExactlyElementsOf(
                AutomationSeeder.messageTemplates().stream().map(AutomationSeeder.MessageTemplate::key).toList());
        assertThat(seeded.workflows()).extracting(AutomationSeeder.Workflow::name, AutomationSeeder.Workflow::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("listing-alerts name", "active"),
                        org.assertj.core.groups.Tuple.tuple("re-engagement name", "paused"),
                        org.assertj.core.groups.Tuple.tuple("speed-to-lead name", "active"),
                        org.assertj.core.groups.Tuple.tuple(AutomationSeeder.REPLY_WORKFLOW_NAME, "active"));
        assertThat(seeded.routedTo()).isEqualTo(DemoUser.AGENT.email());
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).path("name").asText()).isEqualTo(AutomationSeeder.ROUTING_RULE_NAME);
        JsonNode reply = workflows.get(3).path("draft");
        assertThat(reply.path("trigger").path("type").asText()).isEqualTo("lead.activity-recorded");
        assertThat(reply.path("trigger").path("activityType").asText()).isEqualTo("message-replied");
        assertThat(reply.path("steps").get(0).path("type").asText()).isEqualTo("task");
    }

    @Test
    void aSecondRunCreatesNothing() throws Exception {
        AutomationSeeder seeder = new AutomationSeeder(base());
        seeder.seed(TOKEN);
        requests.clear();

        AutomationSeeder.Seeded second = seeder.seed(TOKEN);

        assertThat(second.templatesCreated()).isEmpty();
        assertThat(second.workflows()).hasSize(4);
        assertThat(requests).filteredOn(r -> r.startsWith("POST"))
                .containsExactly("POST /api/v1/workflows/templates");
        assertThat(second.routedTo()).isEqualTo(DemoUser.AGENT.email());
        assertThat(rules).hasSize(1);
    }

    @Test
    void aGatewayTimeoutOnTheIdempotentTemplateSeedingIsAskedAgain() throws Exception {
        templateTimeouts = 1;

        AutomationSeeder.Seeded seeded = new AutomationSeeder(base()).seed(TOKEN);

        assertThat(seeded.workflows()).hasSize(4);
        assertThat(requests).filteredOn(r -> r.equals("POST /api/v1/workflows/templates")).hasSize(2);
    }

    @Test
    void theRoutingRuleWaitsUntilLeadServiceKnowsTheAgent() throws Exception {
        agentUnknownFor = 2;

        AutomationSeeder.Seeded seeded = new AutomationSeeder(base()).seed(TOKEN);

        assertThat(seeded.routedTo()).isEqualTo(DemoUser.AGENT.email());
        assertThat(seeded.routingError()).isNull();
        assertThat(requests).filteredOn(r -> r.equals("POST /api/v1/routing-rules")).hasSize(3);
    }

    @Test
    void aRefusalFailsWithTheServersAnswer() {
        assertThatThrownBy(() -> new AutomationSeeder(base()).seed("someone-else"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("GET /api/v1/templates?key=speed-to-lead.intro-text answered 401");
    }

    /** Every templateKey the repository's workflow templates send has a message template, and nothing else. */
    @Test
    void everyWorkflowSendStepHasItsMessageTemplate() throws IOException {
        Path dir = Path.of("../../workflow-service/src/main/resources/templates");
        Set<String> sent = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (JsonNode step : JSON.readTree(f.toFile()).path("steps")) {
                    if (step.path("type").asText().equals("send")) {
                        sent.add(step.path("templateKey").asText());
                    }
                }
            }
        }
        assertThat(sent).isNotEmpty();
        assertThat(AutomationSeeder.messageTemplates()).extracting(AutomationSeeder.MessageTemplate::key)
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    /** notification-service refuses a template that uses an undeclared variable; email needs a subject, SMS none. */
    @Test
    void templatesDeclareExactlyTheVariablesTheyUse() {
        Pattern variable = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
        for (AutomationSeeder.MessageTemplate t : AutomationSeeder.messageTemplates()) {
            Set<String> used = new TreeSet<>();
            for (String part : new String[] {t.subject(), t.text()}) {
                if (part != null) {
                    Matcher m = variable.matcher(part);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            assertThat(used).as(t.key()).containsExactlyInAnyOrderElementsOf(t.variables());
            assertThat(t.subject() == null).as(t.key()).isEqualTo(t.channel().equals("sms"));
        }
    }
}

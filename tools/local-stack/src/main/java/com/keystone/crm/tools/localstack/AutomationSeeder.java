package com.keystone.crm.tools.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the demo tenant's automation live, through the api-gateway with the demo admin's token:
 * <ol>
 *   <li>the message templates the workflows send (notification-service {@code /api/v1/templates}), unless a template
 *       of that key exists;</li>
 *   <li>workflow-service's template workflows ({@code POST /api/v1/workflows/templates}: published, paused), then
 *       {@code resume} of speed-to-lead (text + call task) and listing alerts (email);</li>
 *   <li>the "reply → task" workflow (a lead's reply to a message becomes a task for the agent), created and published
 *       unless one of that name exists.</li>
 * </ol>
 * Running it again changes nothing that is already so; a workflow an admin paused by hand is resumed again (the
 * demo is meant to run).
 */
public final class AutomationSeeder {
    static final String REPLY_WORKFLOW_NAME = "Reply to a message: task for the agent";
    /** The template workflows that run in the demo; re-engagement (a 30-day sweep) stays paused. */
    static final List<String> RESUMED_TEMPLATES = List.of("speed-to-lead", "listing-alerts");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String ROUTING_RULE_NAME = "Demo: every lead to the demo agent";
    /** How long a new demo agent may take to reach lead-service's directory (user.created through the relay). */
    private static final Duration AGENT_KNOWN_WITHIN = Duration.ofSeconds(45);
    private static final int TEMPLATE_ATTEMPTS = 4;

    /** One workflow of the demo tenant as seeded: its name, id and state (active / paused). */
    public record Workflow(String name, String id, String status) {
    }

    /**
     * What the demo tenant has after seeding: its workflows, the message template keys created now, and the agent
     * every new lead is routed to (null when the rule could not be made: the reason is in {@code routingError}).
     */
    public record Seeded(List<Workflow> workflows, List<String> templatesCreated, String routedTo, String routingError) {
    }

    public AutomationSeeder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A message template notification-service renders for a workflow's send step. */
    record MessageTemplate(String key, String channel, String subject, String text, List<String> variables) {
        Map<String, Object> body() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("channel", channel);
            m.put("locale", "en");
            if (subject != null) {
                m.put("subject", subject);
            }
            m.put("text", text);
            m.put("variables", variables);
            return m;
        }
    }

    /**
     * The texts of the template workflows' send steps. Only variables every send carries are declared (a declared
     * variable without a value fails the send): lead.created enrolls with an empty context; a listing-match activity
     * carries the listing key and the activity's summary.
     */
    static List<MessageTemplate> messageTemplates() {
        return List.of(
                new MessageTemplate("speed-to-lead.intro-text", "sms", null,
                        "Hi from Demo Brokerage! Thanks for your inquiry. Your agent will call you in a few minutes. "
                                + "Reply STOP to opt out.", List.of()),
                new MessageTemplate("speed-to-lead.day-1-email", "email", "Homes we picked for you",
                        "Hello again! Your agent has a few homes in mind for you and will be in touch today.", List.of()),
                new MessageTemplate("speed-to-lead.day-3-text", "sms", null,
                        "Demo Brokerage here: still looking? Reply with a good time to talk. Reply STOP to opt out.",
                        List.of()),
                new MessageTemplate("listing-alert", "email", "New listing for your saved search: {listingKey}",
                        "A listing matches your saved search: {listingKey}.\n{summary}", List.of("listingKey", "summary")),
                new MessageTemplate("re-engagement.check-in-email", "email", "Still thinking about a move?",
                        "It has been a while. Is your home search still on? Your agent is happy to help.", List.of()),
                new MessageTemplate("re-engagement.check-in-text", "sms", null,
                        "Demo Brokerage checking in: still looking for a home? Reply STOP to opt out.", List.of()));
    }

    /**
     * The third demo workflow: a lead's reply (lead-service records a {@code message-replied} activity from
     * notification-service's {@code notification.replied}) becomes an urgent task for the lead's agent. It neither
     * exits on the reply that started it nor on an opt-out: a STOP is a reply the agent should see too.
     */
    static Map<String, Object> replyWorkflow() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", "answer-reply");
        task.put("type", "task");
        task.put("title", "The lead replied to a message: answer them");
        task.put("taskType", "follow-up");
        task.put("priority", "urgent");
        task.put("dueIn", "PT15M");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", REPLY_WORKFLOW_NAME);
        d.put("description", "A reply of the lead to any text or email becomes an urgent task for the agent.");
        d.put("trigger", Map.of("type", "lead.activity-recorded", "activityType", "message-replied"));
        d.put("reenrollment", "after-exit");
        d.put("exitOn", Map.of("reply", false, "optOut", false));
        d.put("start", "answer-reply");
        d.put("steps", List.of(task));
        return d;
    }

    public Seeded seed(String adminToken) throws IOException, InterruptedException {
        List<String> created = new ArrayList<>();
        for (MessageTemplate t : messageTemplates()) {
            JsonNode existing = call("GET", "/api/v1/templates?key=" + URLEncoder.encode(t.key(), StandardCharsets.UTF_8),
                    adminToken, null, null, 200).body();
            if (existing.path("items").isEmpty()) {
                call("POST", "/api/v1/templates", adminToken, t.body(), idempotencyKey("template:" + t.key()), 201);
                created.add(t.key());
            }
        }

        List<Workflow> workflows = new ArrayList<>();
        JsonNode templates = seedWorkflowTemplates(adminToken);
        for (JsonNode w : templates) {
            String id = w.path("id").asText();
            String status = w.path("status").asText();
            if (RESUMED_TEMPLATES.contains(w.path("templateKey").asText()) && !"active".equals(status)) {
                status = call("POST", "/api/v1/workflows/" + id + "/resume", adminToken, null, null, 200,
                        etag(w)).body().path("status").asText();
            }
            workflows.add(new Workflow(w.path("name").asText(), id, status));
        }

        JsonNode reply = findByName(adminToken, REPLY_WORKFLOW_NAME);
        if (reply == null) {
            reply = call("POST", "/api/v1/workflows", adminToken, replyWorkflow(), idempotencyKey("workflow:reply-task"),
                    201).body();
        }
        if (reply.path("publishedVersion").isNull() || reply.path("publishedVersion").isMissingNode()) {
            reply = call("POST", "/api/v1/workflows/" + reply.path("id").asText() + "/publish", adminToken, null, null,
                    200, etag(reply)).body();
        }
        workflows.add(new Workflow(reply.path("name").asText(), reply.path("id").asText(), reply.path("status").asText()));
        String routedTo = null;
        String routingError = null;
        try {
            routedTo = routeEveryLeadTo(adminToken, DemoUser.AGENT.email());
        } catch (IOException e) {
            routingError = e.getMessage();
        }
        return new Seeded(workflows, created, routedTo, routingError);
    }

    /**
     * A routing rule in lead-service that gives every new lead to the demo agent (before the catch-all), unless a rule
     * of that name exists; answers the agent's email. lead-service accepts the agent only once the gateway's
     * {@code user.created} reached its directory, so a 422 is retried for a while.
     */
    String routeEveryLeadTo(String adminToken, String agentEmail) throws IOException, InterruptedException {
        for (JsonNode rule : call("GET", "/api/v1/routing-rules?limit=100", adminToken, null, null, 200).body().path("items")) {
            if (ROUTING_RULE_NAME.equals(rule.path("name").asText())) {
                return agentEmail;
            }
        }
        String agentId = null;
        for (JsonNode user : call("GET", "/api/v1/admin/users", adminToken, null, null, 200).body()) {
            if (agentEmail.equals(user.path("email").asText())) {
                agentId = user.path("id").asText();
            }
        }
        if (agentId == null) {
            throw new IOException("no user " + agentEmail + " in the gateway");
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", ROUTING_RULE_NAME);
        rule.put("agentId", agentId);
        long deadline = System.nanoTime() + AGENT_KNOWN_WITHIN.toNanos();
        while (true) {
            // no Idempotency-Key: each try is a new request (a refused one must not be replayed); the name check above
            // keeps a second run from adding the rule twice
            Reply r = call("POST", "/api/v1/routing-rules", adminToken, rule, null,
                    201, 422);
            if (r.status() == 201) {
                return agentEmail;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("lead-service does not know the agent " + agentId + " yet: " + r.body());
            }
            Waits.sleep(Duration.ofSeconds(1)); // the runner's one pause piece: lead-service learns the agent from user.created
        }
    }

    /**
     * Seeding the templates is idempotent (the tenant gets the ones it lacks), so a gateway timeout (seen on a
     * loaded machine: workflow-service checks and publishes three definitions in that call) is simply asked again.
     */
    private JsonNode seedWorkflowTemplates(String adminToken) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Reply r = call("POST", "/api/v1/workflows/templates", adminToken, null, null, 200, 504);
            if (r.status() == 200) {
                return r.body();
            }
            if (attempt == TEMPLATE_ATTEMPTS) {
                throw new IOException("POST /api/v1/workflows/templates answered 504 " + attempt + " times: " + r.body());
            }
            Waits.sleep(Duration.ofSeconds(2));
        }
    }

    private JsonNode findByName(String token, String name) throws IOException, InterruptedException {
        String cursor = null;
        do {
            String path = "/api/v1/workflows?limit=100" + (cursor == null ? "" : "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = call("GET", path, token, null, null, 200).body();
            for (JsonNode w : page.path("items")) {
                if (name.equals(w.path("name").asText())) {
                    return w;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return null;
    }

    /** A strong entity tag from a workflow view's revision (what its ETag header carries). */
    private static String etag(JsonNode workflow) {
        return "\"" + workflow.path("revision").asLong() + "\"";
    }

    /** The same key on every run: a retried create within the idempotency window answers the first result. */
    static String idempotencyKey(String what) {
        return UUID.nameUUIDFromBytes(("local-stack:" + DemoUser.TENANT + ":" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(String method, String path, String token, Object body, String idempotencyKey, int expected)
            throws IOException, InterruptedException {
        return call(method, path, token, body, idempotencyKey, expected, null);
    }

    private Reply call(String method, String path, String token, Object body, String idempotencyKey, int expected,
                       int alsoExpected) throws IOException, InterruptedException {
        return call(method, path, token, body, idempotencyKey, new int[] {expected, alsoExpected}, null);
    }

    private Reply call(String method, String path, String token, Object body, String idempotencyKey, int expected,
                       String ifMatch) throws IOException, InterruptedException {
        return call(method, path, token, body, idempotencyKey, new int[] {expected}, ifMatch);
    }

    private Reply call(String method, String path, String token, Object body, String idempotencyKey, int[] expected,
                       String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
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

package com.keystone.crm.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The demo brokerage as an admin sets it up through the gateway, once for every scenario: the agent (created by the
 * local stack's seeder) registers an Android and an iPhone device; a routing rule sends portal leads to the agent;
 * the message templates exist; the three template workflows are seeded, and speed-to-lead and listing alerts are
 * published and running, plus a "reply → task" workflow.
 */
public final class Brokerage {
    /** Speed-to-lead's first wait, one day in the template: shortened so a scenario sees its timer fall due. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    public static final String ANDROID_TOKEN = "fcm-agent-device-" + "a1b2c3d4e5f6";
    public static final String IOS_TOKEN = "6f".repeat(32);
    public static final String REPLY_TASK_TITLE = "Answer the lead's reply";

    private static Brokerage instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final SystemUnderTest system;
    public final Gateway gateway;
    public final String agentId;
    public final String speedToLeadId;
    public final String listingAlertsId;

    private Brokerage(SystemUnderTest system) {
        this.system = system;
        this.gateway = new Gateway(system);
        agentId = gateway.agent().get("/auth/me").then().statusCode(200).extract().path("id");
        registerDevices();
        routePortalLeadsToTheAgent();
        saveTemplates();
        Map<String, String> workflows = seedWorkflows();
        speedToLeadId = workflows.get("speed-to-lead");
        listingAlertsId = workflows.get("listing-alerts");
        startSpeedToLead();
        resume(listingAlertsId);
        publishReplyTask();
    }

    public static synchronized Brokerage get() {
        if (instance == null) {
            instance = new Brokerage(SystemUnderTest.get());
        }
        return instance;
    }

    private void registerDevices() {
        gateway.create(gateway.agent(), Map.of("token", ANDROID_TOKEN, "platform", "android", "appId", Providers.APP_ID))
                .post("/api/v1/devices").then().statusCode(201);
        gateway.create(gateway.agent(), Map.of("token", IOS_TOKEN, "platform", "ios", "appId", Providers.APP_ID))
                .post("/api/v1/devices").then().statusCode(201);
    }

    /** lead-service learns of the agent from the gateway's user.created (outbox → relay → Kafka): until then 422. */
    private void routePortalLeadsToTheAgent() {
        Map<String, Object> rule = Map.of("name", "Portal leads", "agentId", agentId,
                "criteria", Map.of("sources", List.of("zillow", "realtor-com")));
        await().alias("lead-service knows the agent").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.create(gateway.admin(), rule).post("/api/v1/routing-rules").statusCode() == 201);
    }

    private void saveTemplates() {
        template(Map.of("key", "speed-to-lead.intro-text", "channel", "sms",
                "text", "Thanks for your inquiry! Your agent will call you within minutes. Reply STOP to opt out."));
        template(Map.of("key", "speed-to-lead.day-1-email", "channel", "email", "subject", "Homes picked for you",
                "text", "A day ago you asked about a home. Here are a few more like it."));
        template(Map.of("key", "speed-to-lead.day-3-text", "channel", "sms",
                "text", "Still looking? Reply with a good time to talk."));
        template(Map.of("key", "listing-alert", "channel", "email", "subject", "A new listing matches your search",
                "text", "Listing {listingKey} ({matchReason}) matches your saved search.",
                "variables", List.of("listingKey", "matchReason")));
    }

    private void template(Map<String, Object> body) {
        gateway.create(gateway.admin(), body).post("/api/v1/templates").then().statusCode(201);
    }

    /** POST /api/v1/workflows/templates: the template workflows (published, paused), by template key. */
    private Map<String, String> seedWorkflows() {
        List<Map<String, Object>> seeded = gateway.admin().post("/api/v1/workflows/templates")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return seeded.stream().collect(java.util.stream.Collectors.toMap(
                w -> (String) w.get("templateKey"), w -> (String) w.get("id")));
    }

    /** The admin shortens the first wait in the draft, publishes it as version 2, and resumes the workflow. */
    private void startSpeedToLead() {
        publishSpeedToLeadFirstWait(FIRST_WAIT);
        resume(speedToLeadId);
    }

    /**
     * The admin sets speed-to-lead's first wait (after the call task, before the day-1 email) in the draft and
     * publishes it: leads enrolled from now on run the new version, running enrollments keep theirs.
     */
    public void publishSpeedToLeadFirstWait(Duration wait) {
        Response read = gateway.admin().get("/api/v1/workflows/" + speedToLeadId).then().statusCode(200).extract().response();
        ObjectNode draft = (ObjectNode) readJson(read.asString()).get("draft");
        boolean found = false;
        for (JsonNode step : draft.get("steps")) {
            if ("wait-day-1".equals(step.path("id").asText())) {
                ((ObjectNode) step).put("duration", wait.toString());
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("speed-to-lead has no step wait-day-1: " + draft);
        }
        String etag = gateway.admin().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(draft.toString())
                .put("/api/v1/workflows/" + speedToLeadId + "/draft").then().statusCode(200).extract().header("ETag");
        gateway.admin().header("If-Match", etag).post("/api/v1/workflows/" + speedToLeadId + "/publish").then().statusCode(200);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private void resume(String workflowId) {
        String etag = gateway.admin().get("/api/v1/workflows/" + workflowId).then().statusCode(200).extract().header("ETag");
        gateway.admin().header("If-Match", etag).post("/api/v1/workflows/" + workflowId + "/resume").then().statusCode(200);
    }

    /** A reply on the timeline gives the lead's agent a task: the product's answer to "the lead wrote back". */
    private void publishReplyTask() {
        Map<String, Object> definition = Map.of("name", "Answer replies",
                "trigger", Map.of("type", "lead.activity-recorded", "activityType", "message-replied"),
                "reenrollment", "after-exit", "exitOn", Map.of("reply", false), "start", "answer",
                "steps", List.of(Map.of("id", "answer", "type", "task", "title", REPLY_TASK_TITLE, "taskType", "call",
                        "priority", "high", "dueIn", "PT15M")));
        Response created = gateway.create(gateway.admin(), definition).post("/api/v1/workflows")
                .then().statusCode(201).extract().response();
        gateway.admin().header("If-Match", created.header("ETag"))
                .post("/api/v1/workflows/" + created.path("id") + "/publish").then().statusCode(200);
    }
}

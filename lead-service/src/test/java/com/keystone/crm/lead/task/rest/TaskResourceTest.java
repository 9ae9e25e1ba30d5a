package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Creating, reading and editing tasks: /api/v1/tasks, who may assign to whom, who sees what. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskResourceTest {
    static final String TENANT = "tasks-realty-1";
    static final String AGENT = "tasks-agent-tom";
    static final String TEAMMATE = "tasks-agent-tia";
    static final String OTHER_TEAM = "tasks-agent-ugo";
    static String agent;
    static String teammate;
    static String otherAgent;
    static String teamLead;
    static String otherTeamLead;
    static String admin;
    static String outsider;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, AGENT, "tasks-team-a", "agent");
        teammate = TaskFixtures.token(TENANT, TEAMMATE, "tasks-team-a", "agent");
        otherAgent = TaskFixtures.token(TENANT, OTHER_TEAM, "tasks-team-b", "agent");
        teamLead = TaskFixtures.token(TENANT, "tasks-lead-tess", "tasks-team-a", "team-lead");
        otherTeamLead = TaskFixtures.token(TENANT, "tasks-lead-uma", "tasks-team-b", "team-lead");
        admin = TaskFixtures.token(TENANT, "tasks-admin-tao", null, "admin");
        outsider = TaskFixtures.token("tasks-realty-2", "tasks-admin-xena", null, "admin");
    }

    static String body(String title, String extra) {
        return "{\"title\":\"" + title + "\",\"dueAt\":\"2031-05-04T15:00:00Z\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String create(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    @Test
    void anAgentCreatesATaskOnTheirLeadAndItIsPublished() {
        String leadId = TaskFixtures.lead(agent, "Tasked");
        String id = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(body("Call back", "\"leadId\":\"" + leadId + "\",\"description\":\"about the condo\",\"taskType\":\"call\""))
                .post("/api/v1/tasks")
                .then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .header("Location", containsString("/api/v1/tasks/"))
                .body("title", equalTo("Call back"))
                .body("leadId", equalTo(leadId))
                .body("priority", equalTo("normal"))
                .body("status", equalTo("open"))
                .body("overdue", equalTo(false))
                .body("assigneeId", equalTo(AGENT))
                .body("createdBy", equalTo(AGENT))
                .body("dueAt", equalTo("2031-05-04T15:00:00Z"))
                .body("version", equalTo(1))
                .extract().path("id");

        given().auth().oauth2(agent).get("/api/v1/tasks/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("taskType", equalTo("call"));

        CapturedEvent event = KafkaEvents.awaitEvent("task.created", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(event, "task.created", "/lead-service");
        KafkaEvents.assertSchemaValid(event);
        assertThat(event.header("ce_tenant")).isEqualTo(TENANT);
        assertThat(event.value().path("taskId").asText()).isEqualTo(id);
        assertThat(event.value().path("leadId").asText()).isEqualTo(leadId);
        assertThat(event.value().path("assigneeId").asText()).isEqualTo(AGENT);
        assertThat(event.value().path("priority").asText()).isEqualTo("normal");
        assertThat(event.value().path("version").asInt()).isEqualTo(1);
        assertThat(event.value().path("description").asText()).isEqualTo("about the condo");
    }

    @Test
    void assignmentFollowsRoles() {
        long tasks = count("SELECT count(*) FROM task WHERE tenant_id = ?", TENANT);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(body("Poach", "\"assigneeId\":\"" + TEAMMATE + "\""))
                .post("/api/v1/tasks").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/assignment-not-allowed"));
        given().auth().oauth2(teamLead).contentType(ContentType.JSON).body(body("Cross", "\"assigneeId\":\"" + OTHER_TEAM + "\""))
                .post("/api/v1/tasks").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body("Ghost", "\"assigneeId\":\"tasks-ghost\""))
                .post("/api/v1/tasks").then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-agent"));
        assertThat(count("SELECT count(*) FROM task WHERE tenant_id = ?", TENANT)).isEqualTo(tasks);

        given().auth().oauth2(teamLead).contentType(ContentType.JSON)
                .body(body("Delegated", "\"assigneeId\":\"" + TEAMMATE + "\",\"priority\":\"high\""))
                .post("/api/v1/tasks").then().statusCode(201)
                .body("assigneeId", equalTo(TEAMMATE)).body("priority", equalTo("high"))
                .body("createdBy", equalTo("tasks-lead-tess"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(body("Anywhere", "\"assigneeId\":\"" + OTHER_TEAM + "\",\"priority\":\"urgent\""))
                .post("/api/v1/tasks").then().statusCode(201).body("assigneeId", equalTo(OTHER_TEAM));
    }

    @Test
    void anotherAgentsTaskIsNotFound() {
        String id = create(agent, body("Mine", ""));
        for (String stranger : List.of(otherAgent, otherTeamLead, outsider)) {
            given().auth().oauth2(stranger).get("/api/v1/tasks/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"title\":\"Theirs\"}").patch("/api/v1/tasks/" + id).then().statusCode(404);
            given().auth().oauth2(stranger).post("/api/v1/tasks/" + id + "/complete").then().statusCode(404);
        }
        given().auth().oauth2(teamLead).get("/api/v1/tasks/" + id).then().statusCode(200);
        given().auth().oauth2(admin).get("/api/v1/tasks/" + id).then().statusCode(200);
        given().auth().oauth2(agent).get("/api/v1/tasks/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(agent).get("/api/v1/tasks/" + UUID.randomUUID()).then().statusCode(404);

        // a task on a lead the caller cannot see cannot be made
        String othersLead = TaskFixtures.lead(otherAgent, "NotYours");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(body("Snoop", "\"leadId\":\"" + othersLead + "\""))
                .post("/api/v1/tasks").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM task WHERE lead_id = ?::uuid", othersLead)).isZero();
    }

    @Test
    void editsNeedTheCurrentVersionAndFollowAssignmentRules() {
        String id = create(agent, body("Draft", "\"description\":\"old\""));
        String path = "/api/v1/tasks/" + id;

        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"title\":\"No tag\"}")
                .patch(path).then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-required"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}")
                .patch(path).then().statusCode(400).body("errors.field", hasItem("anyChange"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"title\":\"  \",\"priority\":\"whenever\"}")
                .patch(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"assigneeId\":\"" + TEAMMATE + "\"}")
                .patch(path).then().statusCode(403);

        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"title\":\"Final\",\"dueAt\":\"2031-06-01T09:30:00Z\",\"priority\":\"low\",\"description\":\"\",\"taskType\":\"email\"}")
                .patch(path).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("title", equalTo("Final"))
                .body("dueAt", equalTo("2031-06-01T09:30:00Z"))
                .body("priority", equalTo("low"))
                .body("description", nullValue())
                .body("taskType", equalTo("email"))
                .body("version", equalTo(2));
        given().auth().oauth2(agent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"title\":\"Stale\"}")
                .patch(path).then().statusCode(412)
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-failed"));

        // the team lead hands it to a teammate; the agent no longer sees it
        given().auth().oauth2(teamLead).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("{\"assigneeId\":\"" + TEAMMATE + "\"}")
                .patch(path).then().statusCode(200).body("assigneeId", equalTo(TEAMMATE)).header("ETag", equalTo("\"3\""));
        given().auth().oauth2(agent).get(path).then().statusCode(404);
        given().auth().oauth2(teammate).get(path).then().statusCode(200);
        assertThat(count("SELECT count(*) FROM task WHERE id = ?::uuid AND title = 'Final' AND version = 2", id)).isEqualTo(1);
    }

    @Test
    void idempotencyKeyReplaysTheFirstTask() {
        String key = UUID.randomUUID().toString();
        String json = body("Retried task", "");
        String first = given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON).body(json)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON).body(json)
                .post("/api/v1/tasks").then().statusCode(201).header("ETag", equalTo("\"1\"")).extract().path("id");
        assertThat(again).isEqualTo(first);
        given().auth().oauth2(agent).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body("Other", ""))
                .post("/api/v1/tasks").then().statusCode(422);
        assertThat(count("SELECT count(*) FROM task WHERE title = 'Retried task'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'task.created' AND aggregateid = ?", first)).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        long tasks = count("SELECT count(*) FROM task");
        long events = count("SELECT count(*) FROM outbox_event");

        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"description\":\"no title, no due time\"}")
                .post("/api/v1/tasks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("dueAt"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"title\":\"T\",\"dueAt\":\"tomorrow\"}")
                .post("/api/v1/tasks").then().statusCode(400).body("errors.field", hasItem("dueAt"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(body("T", "\"priority\":\"asap\""))
                .post("/api/v1/tasks").then().statusCode(400).body("errors.field", hasItem("priority"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(body("T", "\"leadId\":\"lead-42\""))
                .post("/api/v1/tasks").then().statusCode(400).body("errors.field", hasItem("leadId"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(body("x".repeat(501), "\"taskType\":\"Phone Call\""))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("taskType"));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(body("T", "\"leadId\":\"" + UUID.randomUUID() + "\""))
                .post("/api/v1/tasks").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("tasks-never-provisioned", "tasks-agent-x", null, "agent"))
                .contentType(ContentType.JSON).body(body("Stranger", ""))
                .post("/api/v1/tasks").then().statusCode(403)
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-tenant"));

        assertThat(count("SELECT count(*) FROM task")).isEqualTo(tasks);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(events);
    }
}

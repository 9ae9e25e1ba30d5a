package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TaskFixtures;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.keystone.crm.lead.TaskFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Completing (task.completed + task-completed on the lead's timeline) and reopening a task. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class TaskLifecycleTest {
    static final String TENANT = "tasks-realty-done";
    static final String AGENT = "taskdone-agent-dan";
    static String agent;
    static String teamLead;

    @BeforeAll
    static void directory() {
        agent = TaskFixtures.token(TENANT, AGENT, "taskdone-team", "agent");
        teamLead = TaskFixtures.token(TENANT, "taskdone-lead-dee", "taskdone-team", "team-lead");
    }

    static String create(String leadId) {
        String lead = leadId == null ? "" : ",\"leadId\":\"" + leadId + "\"";
        return given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body("{\"title\":\"Send the CMA\",\"dueAt\":\"2030-01-01T12:00:00Z\"" + lead + "}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    @Test
    void completingPublishesTaskCompletedAndRecordsItOnTheLead() {
        String leadId = TaskFixtures.lead(agent, "Completed");
        String id = create(leadId);

        given().auth().oauth2(teamLead).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"outcome\":\"Sent, she will review tonight\"}")
                .post("/api/v1/tasks/" + id + "/complete").then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("done"))
                .body("completedBy", equalTo("taskdone-lead-dee"))
                .body("completedAt", notNullValue())
                .body("outcome", equalTo("Sent, she will review tonight"))
                .body("overdue", equalTo(false));

        CapturedEvent completed = KafkaEvents.awaitEvent("task.completed", e -> id.equals(e.key()));
        KafkaEvents.assertCloudEvent(completed, "task.completed", "/lead-service");
        KafkaEvents.assertSchemaValid(completed);
        assertThat(completed.value().path("version").asInt()).isEqualTo(2);
        assertThat(completed.value().path("completedBy").asText()).isEqualTo("taskdone-lead-dee");
        assertThat(completed.value().path("leadId").asText()).isEqualTo(leadId);
        assertThat(completed.value().path("assigneeId").asText()).isEqualTo(AGENT);

        CapturedEvent activity = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> leadId.equals(e.key()) && "task-completed".equals(e.value().path("activityType").asText()));
        KafkaEvents.assertSchemaValid(activity);
        assertThat(activity.value().path("details").path("taskId").asText()).isEqualTo(id);
        given().auth().oauth2(agent).queryParam("type", "task-completed").get("/api/v1/leads/" + leadId + "/activities")
                .then().statusCode(200)
                .body("items.summary", hasItem("Task done: Send the CMA"));

        // completing again is a no-op: same version, no second event
        given().auth().oauth2(agent).post("/api/v1/tasks/" + id + "/complete").then().statusCode(200)
                .header("ETag", equalTo("\"2\""));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'task.completed' AND aggregateid = ?", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'task-completed'", leadId)).isEqualTo(1);
    }

    @Test
    void reopeningUndoesTheCompletionAndPublishesNothing() {
        String id = create(null);
        given().auth().oauth2(agent).post("/api/v1/tasks/" + id + "/complete").then().statusCode(200)
                .body("outcome", nullValue());
        long events = count("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", id);

        given().auth().oauth2(agent).header("If-Match", "\"1\"").post("/api/v1/tasks/" + id + "/reopen")
                .then().statusCode(412);
        given().auth().oauth2(agent).header("If-Match", "\"2\"").post("/api/v1/tasks/" + id + "/reopen")
                .then().statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("status", equalTo("open"))
                .body("completedAt", nullValue())
                .body("completedBy", nullValue());
        given().auth().oauth2(agent).post("/api/v1/tasks/" + id + "/reopen").then().statusCode(200)
                .header("ETag", equalTo("\"3\""));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", id)).isEqualTo(events);

        // done again (a JSON POST without a body this time): a second task.completed for the second completion
        given().auth().oauth2(agent).contentType(ContentType.JSON).post("/api/v1/tasks/" + id + "/complete").then().statusCode(200)
                .header("ETag", equalTo("\"4\""));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'task.completed' AND aggregateid = ?", id)).isEqualTo(2);
    }

    @Test
    void aStaleOrMalformedCompletionIsRefused() {
        String id = create(null);
        given().auth().oauth2(agent).header("If-Match", "\"5\"").post("/api/v1/tasks/" + id + "/complete")
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body("{\"outcome\":\"" + "x".repeat(2001) + "\"}")
                .post("/api/v1/tasks/" + id + "/complete").then().statusCode(400)
                .body("errors.field", hasItem("outcome"));
        given().auth().oauth2(agent).get("/api/v1/tasks/" + id).then().statusCode(200).body("status", equalTo("open"));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE type = 'task.completed' AND aggregateid = ?", id)).isZero();
    }
}

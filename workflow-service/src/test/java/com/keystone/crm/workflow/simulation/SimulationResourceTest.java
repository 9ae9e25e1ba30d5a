package com.keystone.crm.workflow.simulation;

import com.keystone.crm.workflow.WorkflowServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.keystone.crm.workflow.WorkflowFixtures.admin;
import static com.keystone.crm.workflow.WorkflowFixtures.awaitLead;
import static com.keystone.crm.workflow.WorkflowFixtures.count;
import static com.keystone.crm.workflow.WorkflowFixtures.leadCreated;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Dry runs: the predicted timeline, computed by the real state machine, with nothing written or sent. */
@QuarkusTest
@WithTestResource(WorkflowServiceTestResource.class)
class SimulationResourceTest {
    static final String DEFINITION = """
            {"name": "Dry", "trigger": {"type": "manual"}, "start": "hello",
             "steps": [
               {"id": "hello", "type": "send", "channel": "sms", "templateKey": "dry.hello", "next": "wait"},
               {"id": "wait", "type": "wait", "untilTimeOfDay": "09:00", "next": "check"},
               {"id": "check", "type": "branch", "branches": [{"when": "'vip' in tags", "next": "call"}], "otherwise": "reply"},
               {"id": "call", "type": "task", "title": "Call the VIP", "dueIn": "PT1H"},
               {"id": "reply", "type": "waitFor", "event": {"type": "reply"}, "timeout": "P2D", "timeoutNext": "bye"},
               {"id": "bye", "type": "send", "channel": "email", "templateKey": "dry.bye"}]}""";

    @Test
    void aMadeUpLeadGetsItsTimelineWithoutSideEffects() {
        String token = admin("sim-1");
        String body = "{\"definition\": " + DEFINITION + ", \"enrollAt\": \"2026-03-02T18:00:00Z\","
                + " \"lead\": {\"status\": \"new\", \"tags\": [\"vip\"], \"timeZone\": \"America/Chicago\"}}";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/workflows/simulate")
                .then().statusCode(200)
                .body("timeline", hasSize(4))
                .body("timeline[0].stepId", equalTo("hello")).body("timeline[0].at", equalTo("2026-03-02T18:00:00Z"))
                .body("timeline[0].channel", equalTo("sms")).body("timeline[0].effect", equalTo("notification.requested"))
                // no notification-service in this test: the send time stays as requested, and the view says so
                .body("quietHours", startsWith("not-applied")).body("timeline[0].sendAt", equalTo("2026-03-02T18:00:00Z"))
                // 09:00 in Chicago (UTC-6) the next morning
                .body("timeline[1].stepId", equalTo("wait")).body("timeline[1].at", equalTo("2026-03-03T15:00:00Z"))
                .body("timeline[2].outcome", equalTo("branch-0"))
                .body("timeline[3].effect", equalTo("task.requested"))
                .body("endState", equalTo("completed"));
        String other = body.replace("[\"vip\"]", "[]");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(other).post("/api/v1/workflows/simulate")
                .then().statusCode(200)
                .body("timeline.stepId", hasItem("bye"))
                .body("timeline.find { it.stepId == 'reply' }.outcome", equalTo("timed-out"))
                .body("timeline.find { it.stepId == 'bye' }.at", equalTo("2026-03-05T15:00:00Z"));
        assertThat(count("SELECT count(*) FROM enrollment WHERE tenant_id = 'sim-1'")).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE tenant_id = 'sim-1'")).isZero();
    }

    @Test
    void aDraftIsSimulatedForAnExistingLead() {
        String token = admin("sim-2");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(DEFINITION).post("/api/v1/workflows")
                .then().statusCode(201).extract().path("id");
        UUID lead = UUID.randomUUID();
        leadCreated("sim-2", lead, "agent-s", null, "vip");
        awaitLead(lead);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + id + "/simulate").then().statusCode(200)
                .body("timeline.find { it.stepId == 'call' }.effect", equalTo("task.requested"));
        given().auth().oauth2(admin("sim-other")).contentType(ContentType.JSON).body("{\"leadId\": \"" + lead + "\"}")
                .post("/api/v1/workflows/" + id + "/simulate").then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leadId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/workflows/" + id + "/simulate").then().statusCode(404);
    }

    @Test
    void badSimulationsAreProblems() {
        String token = admin("sim-3");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post("/api/v1/workflows/simulate")
                .then().statusCode(400).body("errors.field", hasItem("definition"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"definition\": " + DEFINITION.replace("'vip' in tags", "vip in tags") + "}")
                .post("/api/v1/workflows/simulate").then().statusCode(422)
                .body("errors.field", hasItem("steps[2].branches[0].when"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"definition\": " + DEFINITION + ", \"lead\": {\"score\": 1000}}")
                .post("/api/v1/workflows/simulate").then().statusCode(400);
    }
}

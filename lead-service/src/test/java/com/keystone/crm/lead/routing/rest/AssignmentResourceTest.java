package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.RoutingFixtures;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Manual reassignment (POST /leads/{id}/assignment) and the decision history (GET /leads/{id}/assignments). */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class AssignmentResourceTest {
    static final String TENANT = "routing-assign-1";

    @Test
    void aTeamLeadReassignsWithinTheTeamAndTheHistoryShowsEveryDecision() {
        RoutingFixtures f = new RoutingFixtures(TENANT, "ras-admin");
        TestDirectory.ensureUser(TENANT, "ras-ann", "ras-north", "agent");
        TestDirectory.ensureUser(TENANT, "ras-bob", "ras-north", "agent");
        TestDirectory.ensureUser(TENANT, "ras-cy", "ras-south", "agent");
        TestDirectory.ensureUser(TENANT, "ras-tl", "ras-north", "team-lead");
        f.pointCatchAll("\"agentId\":\"ras-ann\"");
        String lead = f.lead("Reassigned", "website", "buyer");
        String tl = f.token("ras-tl", "ras-north", "team-lead");

        given().auth().oauth2(tl).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"agentId\":\"ras-bob\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(412);
        given().auth().oauth2(tl).contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"agentId\":\"ras-bob\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("assignedAgentId", equalTo("ras-bob"))
                .body("teamId", equalTo("ras-north"))
                .body("version", equalTo(3))
                .body("decision.method", equalTo("manual"))
                .body("decision.previousAgentId", equalTo("ras-ann"))
                .body("decision.reason", equalTo("reassigned by team lead ras-tl from ras-ann to ras-bob"));
        // the same again changes nothing (a retried request is harmless)
        given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":\"ras-bob\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(200)
                .body("version", equalTo(3)).body("decision", nullValue());

        CapturedEvent e = KafkaEvents.awaitEvent("lead.assigned", r -> lead.equals(r.key())
                && "manual".equals(r.value().path("method").asText()));
        KafkaEvents.assertCloudEvent(e, "lead.assigned", "/lead-service");
        KafkaEvents.assertSchemaValid(e);
        assertThat(e.value().path("assignedAgentId").asText()).isEqualTo("ras-bob");
        assertThat(e.value().path("previousAgentId").asText()).isEqualTo("ras-ann");
        assertThat(e.value().path("assignedBy").asText()).isEqualTo("ras-tl");
        assertThat(e.value().path("version").asLong()).isEqualTo(3);
        assertThat(e.value().path("ruleId").isNull()).isTrue();

        // the new assignee sees the lead and its history, newest first; the old one no longer does
        String bob = f.token("ras-bob", "ras-north", "agent");
        given().auth().oauth2(bob).get("/api/v1/leads/" + lead + "/assignments").then().statusCode(200)
                .body("items.method", contains("manual", "direct"))
                .body("items.agentId", contains("ras-bob", "ras-ann"));
        String next = given().auth().oauth2(bob).queryParam("limit", 1).get("/api/v1/leads/" + lead + "/assignments")
                .then().statusCode(200).body("items.method", contains("manual")).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(bob).queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/leads/" + lead + "/assignments")
                .then().statusCode(200).body("items.method", contains("direct")).body("nextCursor", nullValue());
        given().auth().oauth2(bob).queryParam("cursor", "bm9wZQ").get("/api/v1/leads/" + lead + "/assignments")
                .then().statusCode(400).body("type", equalTo("https://keystone-crm.dev/problems/invalid-cursor"));
        given().auth().oauth2(f.token("ras-ann", "ras-north", "agent")).get("/api/v1/leads/" + lead + "/assignments")
                .then().statusCode(404);

        // an admin may hand it to anyone, across teams
        given().auth().oauth2(f.adminToken()).contentType(ContentType.JSON).body("{\"agentId\":\"ras-cy\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(200)
                .body("teamId", equalTo("ras-south"))
                .body("decision.reason", equalTo("reassigned by admin ras-admin from ras-bob to ras-cy"));
        assertThat(TestDirectory.DB.count("SELECT version FROM lead WHERE id = ?::uuid", lead)).isEqualTo(3);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'assignment'", lead))
                .isEqualTo(3);
    }

    @Test
    void reassignmentIsRefusedToWhoMayNotDoItAndForBadTargets() {
        RoutingFixtures f = new RoutingFixtures(TENANT, "ras-admin");
        TestDirectory.ensureUser(TENANT, "ras-dee", "ras-north", "agent");
        TestDirectory.ensureUser(TENANT, "ras-eve", "ras-south", "agent");
        TestDirectory.ensureUser(TENANT, "ras-tl2", "ras-north", "team-lead");
        TestDirectory.ensureUser(TENANT, "ras-off", "ras-north", "agent");
        TestDirectory.DB.execute("UPDATE agent SET active = false WHERE user_id = 'ras-off'");
        String lead = given().auth().oauth2(f.token("ras-dee", "ras-north", "agent")).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Dee's\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String tl = f.token("ras-tl2", "ras-north", "team-lead");
        long events = TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", lead);

        // an agent cannot reassign, even their own lead
        given().auth().oauth2(f.token("ras-dee", "ras-north", "agent")).contentType(ContentType.JSON)
                .body("{\"agentId\":\"ras-eve\"}").post("/api/v1/leads/" + lead + "/assignment").then().statusCode(403)
                .contentType("application/problem+json");
        // a team lead only within their team; another team's lead cannot see the lead at all
        given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":\"ras-eve\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(403)
                .body("type", equalTo("https://keystone-crm.dev/problems/assignment-not-allowed"));
        given().auth().oauth2(f.token("ras-tl-south", "ras-south", "team-lead")).contentType(ContentType.JSON)
                .body("{\"agentId\":\"ras-eve\"}").post("/api/v1/leads/" + lead + "/assignment").then().statusCode(404);
        for (String target : new String[]{"ghost", "ras-off", "ras-admin"}) {
            given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":\"" + target + "\"}")
                    .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(422)
                    .body("type", equalTo("https://keystone-crm.dev/problems/unknown-agent"));
        }
        given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":\"\"}")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(400)
                .body("errors.field", hasItem("agentId"));
        given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":42")
                .post("/api/v1/leads/" + lead + "/assignment").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(tl).contentType(ContentType.JSON).body("{\"agentId\":\"ras-dee\"}")
                .post("/api/v1/leads/not-a-lead/assignment").then().statusCode(404);
        TestDirectory.ensureUser("routing-assign-2", "ras2-admin", null, "admin");
        given().auth().oauth2(TestTokens.token("routing-assign-2", "ras2-admin", null, "admin")).contentType(ContentType.JSON)
                .body("{\"agentId\":\"ras-dee\"}").post("/api/v1/leads/" + lead + "/assignment").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("routing-assign-2", "ras2-admin", null, "admin"))
                .get("/api/v1/leads/" + lead + "/assignments").then().statusCode(404);

        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE id = ?::uuid AND assigned_agent_id = 'ras-dee' AND version = 0", lead))
                .isEqualTo(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE aggregateid = ?", lead)).isEqualTo(events);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM assignment_decision WHERE lead_id = ?::uuid", lead)).isZero();
    }
}

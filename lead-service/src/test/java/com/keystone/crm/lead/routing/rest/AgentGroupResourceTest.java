package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.RoutingFixtures;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** /api/v1/agent-groups: members and strategy, conflicts, access and bad input. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class AgentGroupResourceTest {
    static final String TENANT = "routing-groups-1";
    static final String BAD_INPUT_TENANT = "routing-groups-3";

    @Test
    void groupsAreCreatedReadUpdatedAndDeleted() {
        RoutingFixtures f = new RoutingFixtures(TENANT, "rg1-admin");
        TestDirectory.ensureUser(TENANT, "rg1-ann", "rg1-team", "agent");
        TestDirectory.ensureUser(TENANT, "rg1-bob", "rg1-team", "agent");
        TestDirectory.ensureUser(TENANT, "rg1-tl", "rg1-team", "team-lead");
        String admin = f.adminToken();
        String key = UUID.randomUUID().toString();
        String body = """
                {"name":"Downtown","strategy":"weighted-round-robin",
                 "members":[{"userId":"rg1-bob","weight":2},{"userId":"rg1-ann"}]}""";
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agent-groups").then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Downtown"))
                .body("strategy", equalTo("weighted-round-robin"))
                .body("members.userId", contains("rg1-bob", "rg1-ann"))
                .body("members.weight", contains(2, 1))
                .extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agent-groups").then().statusCode(201).header("ETag", equalTo("\"1\"")).body("id", equalTo(id));

        // a team lead may read
        given().auth().oauth2(f.token("rg1-tl", "rg1-team", "team-lead")).get("/api/v1/agent-groups/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("members.userId", contains("rg1-bob", "rg1-ann"));

        // the team lead joins; bob leaves; ann's row (and rotation state) stays
        TestDirectory.DB.execute("UPDATE agent_group_member SET current_weight = 7 WHERE user_id = 'rg1-ann' AND group_id = ?::uuid", id);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Downtown\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg1-ann\"},{\"userId\":\"rg1-tl\",\"weight\":3}]}")
                .put("/api/v1/agent-groups/" + id).then().statusCode(428);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Downtown\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg1-ann\"},{\"userId\":\"rg1-tl\",\"weight\":3}]}")
                .put("/api/v1/agent-groups/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("strategy", equalTo("round-robin"))
                .body("members.userId", contains("rg1-ann", "rg1-tl"))
                .body("members.weight", contains(1, 3));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Stale\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg1-ann\"}]}")
                .put("/api/v1/agent-groups/" + id).then().statusCode(412);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_group_member WHERE group_id = ?::uuid", id)).isEqualTo(2);
        assertThat(TestDirectory.DB.count("SELECT current_weight FROM agent_group_member WHERE user_id = 'rg1-ann' AND group_id = ?::uuid", id))
                .isEqualTo(7);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_group_member WHERE user_id = 'rg1-bob' AND group_id = ?::uuid", id))
                .isZero();

        String other = f.group("Uptown", "round-robin", "rg1-bob");
        given().auth().oauth2(admin).queryParam("limit", 1).get("/api/v1/agent-groups").then().statusCode(200)
                .body("items.name", contains("Downtown"))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        String next = given().auth().oauth2(admin).queryParam("limit", 1).get("/api/v1/agent-groups")
                .then().extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/agent-groups")
                .then().statusCode(200).body("items.name", contains("Uptown")).body("nextCursor", nullValue());
        given().auth().oauth2(admin).queryParam("cursor", "bm9wZQ").get("/api/v1/agent-groups").then().statusCode(400)
                .body("type", equalTo("https://keystone-crm.dev/problems/invalid-cursor"));

        // a group a rule points to cannot go
        String rule = f.rule("To Uptown", null, "\"groupId\":\"" + other + "\"");
        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/agent-groups/" + other)
                .then().statusCode(409)
                .body("type", equalTo("https://keystone-crm.dev/problems/agent-group-in-use"));
        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/routing-rules/" + rule).then().statusCode(204);
        given().auth().oauth2(admin).delete("/api/v1/agent-groups/" + other).then().statusCode(428);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/agent-groups/" + other).then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/agent-groups/" + other).then().statusCode(404);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_group_member WHERE group_id = ?::uuid", other)).isZero();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        RoutingFixtures f = new RoutingFixtures(BAD_INPUT_TENANT, "rg3-admin");
        TestDirectory.ensureUser(BAD_INPUT_TENANT, "rg3-ann", "rg3-team", "agent");
        TestDirectory.ensureUser(BAD_INPUT_TENANT, "rg3-gone", "rg3-team", "agent");
        TestDirectory.DB.execute("UPDATE agent SET active = false WHERE user_id = 'rg3-gone'");
        TestDirectory.ensureUser("routing-groups-2", "rg2-olga", "rg2-team", "agent");
        String admin = f.adminToken();
        f.group("Taken", "round-robin", "rg3-ann");
        long groups = TestDirectory.DB.count("SELECT count(*) FROM agent_group WHERE tenant_id = ?", BAD_INPUT_TENANT);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\" \",\"strategy\":\"lottery\",\"members\":[]}")
                .post("/api/v1/agent-groups").then().statusCode(400)
                .body("errors.field", hasItem("strategy"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\" \",\"members\":[{\"userId\":\"rg3-ann\",\"weight\":0},{\"userId\":\"rg3-ann\"}]}")
                .post("/api/v1/agent-groups").then().statusCode(400)
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("strategy"))
                .body("errors.field", hasItem("members[0].weight"))
                .body("errors.field", hasItem("membersDistinct"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Empty\",\"strategy\":\"round-robin\",\"members\":[]}")
                .post("/api/v1/agent-groups").then().statusCode(400)
                .body("errors.field", hasItem("members"));
        for (String member : new String[]{"ghost", "rg3-gone", "rg2-olga", "rg3-admin"}) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"name\":\"Bad member\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg3-ann\"},{\"userId\":\"" + member + "\"}]}")
                    .post("/api/v1/agent-groups").then().statusCode(422)
                    .body("type", equalTo("https://keystone-crm.dev/problems/unknown-agent"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Taken\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg3-ann\"}]}")
                .post("/api/v1/agent-groups").then().statusCode(409)
                .body("type", equalTo("https://keystone-crm.dev/problems/agent-group-name-taken"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM agent_group WHERE tenant_id = ?", BAD_INPUT_TENANT)).isEqualTo(groups);

        given().auth().oauth2(f.token("rg3-ann", "rg3-team", "agent")).get("/api/v1/agent-groups").then().statusCode(403);
        given().auth().oauth2(f.token("rg3-ann", "rg3-team", "team-lead")).contentType(ContentType.JSON)
                .body("{\"name\":\"TL\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg3-ann\"}]}")
                .post("/api/v1/agent-groups").then().statusCode(403);
        String mine = f.group("Mine", "round-robin", "rg3-ann");
        TestDirectory.ensureUser("routing-groups-2", "rg2-admin", null, "admin");
        given().auth().oauth2(TestTokens.token("routing-groups-2", "rg2-admin", null, "admin"))
                .get("/api/v1/agent-groups/" + mine).then().statusCode(404);
        given().auth().oauth2(TestTokens.token("routing-groups-2", "rg2-admin", null, "admin")).contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body("{\"name\":\"Hijack\",\"strategy\":\"round-robin\",\"members\":[{\"userId\":\"rg2-olga\"}]}")
                .put("/api/v1/agent-groups/" + mine).then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/agent-groups/42").then().statusCode(404);
    }
}

package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.RoutingFixtures;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** /api/v1/routing-rules: CRUD, the catch-all's guarantees, ordering, access and bad input. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class RoutingRuleResourceTest {

    @Test
    void rulesAreCreatedBeforeTheCatchAllReadUpdatedAndDeleted() {
        String tenant = "routing-rules-1";
        RoutingFixtures f = new RoutingFixtures(tenant, "rr1-admin");
        TestDirectory.ensureUser(tenant, "rr1-ann", "rr1-team", "agent");
        String admin = f.adminToken();

        // first use: the catch-all exists, last, pointing nowhere
        given().auth().oauth2(admin).get("/api/v1/routing-rules").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].catchAll", equalTo(true))
                .body("items[0].name", equalTo("Catch-all"))
                .body("items[0].position", equalTo(1))
                .body("items[0].agentId", nullValue())
                .body("nextCursor", nullValue());

        String key = UUID.randomUUID().toString();
        String body = """
                {"name":" Zillow buyers 300-600k ","criteria":{"sources":["zillow"],"types":["buyer"],
                 "priceMin":300000,"priceMax":600000,"postalCodes":["80202"],"cities":["Denver"],"propertyTypes":["condo"]},
                 "agentId":"rr1-ann"}""";
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/routing-rules").then().statusCode(201)
                .header("Location", notNullValue())
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Zillow buyers 300-600k"))
                .body("position", equalTo(1))
                .body("catchAll", equalTo(false))
                .body("criteria.sources", contains("zillow"))
                .body("criteria.types", contains("buyer"))
                .body("criteria.cities", contains("Denver"))
                .body("agentId", equalTo("rr1-ann"))
                .extract().path("id");
        // a retried POST with the same Idempotency-Key creates nothing more
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/routing-rules").then().statusCode(201).header("ETag", equalTo("\"1\"")).body("id", equalTo(id));
        given().auth().oauth2(admin).get("/api/v1/routing-rules").then().statusCode(200)
                .body("items.name", contains("Zillow buyers 300-600k", "Catch-all"))
                .body("items.position", contains(1, 2));

        // team leads may read; the ETag is what PUT needs
        given().auth().oauth2(f.token("rr1-tl", "rr1-team", "team-lead")).get("/api/v1/routing-rules/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Zillow\",\"criteria\":{\"sources\":[\"zillow\"]},\"agentId\":\"rr1-ann\"}")
                .put("/api/v1/routing-rules/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body("{\"name\":\"Zillow\",\"criteria\":{\"sources\":[\"zillow\"]},\"agentId\":\"rr1-ann\"}")
                .put("/api/v1/routing-rules/" + id).then().statusCode(412)
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-failed"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Zillow\",\"criteria\":{\"sources\":[\"zillow\"]},\"agentId\":\"rr1-ann\"}")
                .put("/api/v1/routing-rules/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("Zillow"))
                .body("criteria.types.size()", equalTo(0))
                .body("criteria.priceMin", nullValue());

        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/api/v1/routing-rules/" + id)
                .then().statusCode(412);
        given().auth().oauth2(admin).header("If-Match", "\"2\"").delete("/api/v1/routing-rules/" + id)
                .then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/routing-rules/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        // the catch-all moved up: positions stay 1..n
        given().auth().oauth2(admin).get("/api/v1/routing-rules").then().statusCode(200)
                .body("items.position", contains(1));
    }

    @Test
    void theCatchAllCannotBeDeletedNorGivenCriteriaButCanBeRepointed() {
        String tenant = "routing-rules-2";
        RoutingFixtures f = new RoutingFixtures(tenant, "rr2-admin");
        TestDirectory.ensureUser(tenant, "rr2-ann", "rr2-team", "agent");
        String admin = f.adminToken();
        String catchAll = f.catchAllId();

        given().auth().oauth2(admin).header("If-Match", "*").delete("/api/v1/routing-rules/" + catchAll)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/catch-all-rule"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Catch-all\",\"criteria\":{\"sources\":[\"zillow\"]},\"agentId\":\"rr2-ann\"}")
                .put("/api/v1/routing-rules/" + catchAll).then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/catch-all-rule"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Everything else\",\"agentId\":\"rr2-ann\"}")
                .put("/api/v1/routing-rules/" + catchAll).then().statusCode(200)
                .body("catchAll", equalTo(true))
                .body("name", equalTo("Everything else"))
                .body("agentId", equalTo("rr2-ann"));
        // back to nobody: leads stay unassigned for an admin to triage
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body("{\"name\":\"Everything else\"}")
                .put("/api/v1/routing-rules/" + catchAll).then().statusCode(200)
                .body("agentId", nullValue()).body("groupId", nullValue());
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM routing_rule WHERE tenant_id = ? AND catch_all", tenant))
                .isEqualTo(1);
    }

    @Test
    void theOrderNamesEveryRuleOnceWithTheCatchAllLast() {
        String tenant = "routing-rules-3";
        RoutingFixtures f = new RoutingFixtures(tenant, "rr3-admin");
        TestDirectory.ensureUser(tenant, "rr3-ann", "rr3-team", "agent");
        String a = f.rule("A", null, "\"agentId\":\"rr3-ann\"");
        String b = f.rule("B", null, "\"agentId\":\"rr3-ann\"");
        String c = f.rule("C", null, "\"agentId\":\"rr3-ann\"");
        String catchAll = f.catchAllId();
        String admin = f.adminToken();
        String aEtag = given().auth().oauth2(admin).get("/api/v1/routing-rules/" + a).then().extract().header("ETag");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(order(c, a, b, catchAll))
                .put("/api/v1/routing-rules/order").then().statusCode(200)
                .body("items.name", contains("C", "A", "B", "Catch-all"))
                .body("items.position", contains(1, 2, 3, 4));
        // reordering is a change of the list, not of a rule: the rule's ETag still holds
        given().auth().oauth2(admin).get("/api/v1/routing-rules/" + a).then().header("ETag", equalTo(aEtag))
                .body("position", equalTo(2));

        for (String bad : List.of(order(a, b, catchAll), order(c, a, b, b, catchAll), order(c, a, b, UUID.randomUUID().toString(), catchAll))) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad)
                    .put("/api/v1/routing-rules/order").then().statusCode(422)
                    .body("type", equalTo("https://keystone-crm.dev/problems/rule-order-mismatch"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(order(catchAll, a, b, c))
                .put("/api/v1/routing-rules/order").then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/catch-all-last"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"ruleIds\":[]}")
                .put("/api/v1/routing-rules/order").then().statusCode(400)
                .body("errors.field", hasItem("ruleIds"));
        // nothing changed by the refused orders
        given().auth().oauth2(admin).get("/api/v1/routing-rules").then()
                .body("items.name", contains("C", "A", "B", "Catch-all"));

        // pages follow the evaluation order
        String next = given().auth().oauth2(admin).queryParam("limit", 3).get("/api/v1/routing-rules").then().statusCode(200)
                .body("items.name", contains("C", "A", "B"))
                .extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 3).queryParam("cursor", next).get("/api/v1/routing-rules")
                .then().statusCode(200).body("items.name", contains("Catch-all")).body("nextCursor", nullValue());
        given().auth().oauth2(admin).queryParam("cursor", "%%%").get("/api/v1/routing-rules").then().statusCode(400)
                .body("type", equalTo("https://keystone-crm.dev/problems/invalid-cursor"));
        given().auth().oauth2(admin).queryParam("limit", 500).get("/api/v1/routing-rules").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String tenant = "routing-rules-4";
        RoutingFixtures f = new RoutingFixtures(tenant, "rr4-admin");
        TestDirectory.ensureUser(tenant, "rr4-ann", "rr4-team", "agent");
        TestDirectory.ensureUser("routing-rules-4x", "rr4x-olga", "rr4x-team", "agent");
        String admin = f.adminToken();
        f.catchAllId();
        long rules = TestDirectory.DB.count("SELECT count(*) FROM routing_rule WHERE tenant_id = ?", tenant);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"criteria\":{\"sources\":[\"carrier-pigeon\"]},\"agentId\":\"rr4-ann\"}")
                .post("/api/v1/routing-rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("criteria.sources[0]"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"criteria\":{\"priceMin\":500,\"priceMax\":100,\"cities\":[\" \"]},\"agentId\":\"rr4-ann\",\"groupId\":\""
                        + UUID.randomUUID() + "\"}")
                .post("/api/v1/routing-rules").then().statusCode(400)
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("criteria.priceRangeValid"))
                .body("errors.field", hasItem("criteria.cities[0]"))
                .body("errors.field", hasItem("singleTarget"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"No target\"}")
                .post("/api/v1/routing-rules").then().statusCode(400)
                .body("errors.field", hasItem("agentId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"Bad group\",\"groupId\":\"nope\"}")
                .post("/api/v1/routing-rules").then().statusCode(400)
                .body("errors.field", hasItem("groupId"));
        // targets that do not exist (or belong to another tenant) are 422
        for (String target : List.of("\"agentId\":\"ghost\"", "\"agentId\":\"rr4x-olga\"", "\"agentId\":\"rr4-admin\"")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"Ghost\"," + target + "}")
                    .post("/api/v1/routing-rules").then().statusCode(422)
                    .body("type", equalTo("https://keystone-crm.dev/problems/unknown-agent"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Ghost group\",\"groupId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/routing-rules").then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-group"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM routing_rule WHERE tenant_id = ?", tenant)).isEqualTo(rules);

        // agents may not see or change routing; other tenants' rules do not exist
        String agent = f.token("rr4-ann", "rr4-team", "agent");
        given().auth().oauth2(agent).get("/api/v1/routing-rules").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(f.token("rr4-tl", "rr4-team", "team-lead")).contentType(ContentType.JSON)
                .body("{\"name\":\"TL\",\"agentId\":\"rr4-ann\"}")
                .post("/api/v1/routing-rules").then().statusCode(403);
        String rule = f.rule("Mine", null, "\"agentId\":\"rr4-ann\"");
        TestDirectory.ensureUser("routing-rules-4x", "rr4x-admin", null, "admin");
        given().auth().oauth2(TestTokens.token("routing-rules-4x", "rr4x-admin", null, "admin"))
                .get("/api/v1/routing-rules/" + rule).then().statusCode(404);
        given().auth().oauth2(TestTokens.token("routing-rules-4x", "rr4x-admin", null, "admin")).header("If-Match", "*")
                .delete("/api/v1/routing-rules/" + rule).then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/routing-rules/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("never-provisioned-rr", "x", null, "admin"))
                .get("/api/v1/routing-rules").then().statusCode(403)
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-tenant"));
        given().get("/api/v1/routing-rules").then().statusCode(401);
    }

    private static String order(String... ids) {
        return "{\"ruleIds\":[\"" + String.join("\",\"", ids) + "\"]}";
    }
}

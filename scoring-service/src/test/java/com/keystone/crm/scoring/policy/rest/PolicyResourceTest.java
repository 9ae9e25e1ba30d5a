package com.keystone.crm.scoring.policy.rest;

import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The tenant's label definition and editable points table. */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class PolicyResourceTest {
    static final String TENANT = "policy-realty";
    final String admin = LeadFixtures.admin(TENANT);
    static final String POLICY = """
            {"convertedStatuses": ["closed-won"], "labelWindowDays": 60, "basePoints": 20,
             "rules": [{"feature": "source", "equals": "referral", "points": 30, "description": "came by referral"},
                       {"feature": "replies", "atLeast": 1, "points": 25, "description": "replied"}]}""";

    @Test
    void defaultsThenAnAuditedEdit() {
        String etag = given().auth().oauth2(LeadFixtures.agent(TENANT, "a1")).get("/api/v1/scoring-policy").then().statusCode(200)
                .body("convertedStatuses", hasItem("closed-won"))
                .body("labelWindowDays", equalTo(90))
                .body("rules.feature", hasItem("replied_within_1h"))
                .extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(POLICY)
                .put("/api/v1/scoring-policy").then().statusCode(200)
                .body("labelWindowDays", equalTo(60)).body("rules.size()", equalTo(2));
        // the old ETag is stale now
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(POLICY)
                .put("/api/v1/scoring-policy").then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/models/audit").then().body("items.action", hasItem("policy-changed"));
    }

    @Test
    void badPoliciesAreRefused() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(POLICY).put("/api/v1/scoring-policy").then()
                .statusCode(428);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "W/\"x\"").body(POLICY)
                .put("/api/v1/scoring-policy").then().statusCode(412);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"policy-0\"")
                .body(POLICY.replace("closed-won", "sold-ish")).put("/api/v1/scoring-policy").then().statusCode(422)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"policy-0\"")
                .body(POLICY.replace("\"points\": 30", "\"points\": 1e9")).put("/api/v1/scoring-policy").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(LeadFixtures.agent(TENANT, "a1")).contentType(ContentType.JSON).header("If-Match", "\"policy-0\"")
                .body(POLICY).put("/api/v1/scoring-policy").then().statusCode(403);
    }
}

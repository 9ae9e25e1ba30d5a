package com.keystone.crm.scoring.model.rest;

import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** The registry: versions with their cards, the data gate, promotion and roll-back by admins, audited. */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class ModelResourceTest {
    static final String TENANT = "models-realty";
    final String admin = LeadFixtures.admin(TENANT);

    @Test
    void promoteRollBackAndTheDataGate() {
        String first = EndToEndScoringTestSupport.train(admin, LeadFixtures.history(1400, 21), "succeeded").extract().path("modelId");
        given().auth().oauth2(admin).get("/api/v1/models/" + first).then().statusCode(200)
                .body("status", equalTo("champion"))
                .body("eligible", is(true))
                .body("dataHash", notNullValue())
                .body("windowFrom", equalTo("row 1"))
                .body("card.refusedFields", hasItem("race"))
                .body("card.dataGate.met", is(true))
                .body("card.holdout.rocAuc", notNullValue())
                .body("metrics.candidates.size()", equalTo(3))
                .body("features", hasItem("replies"));

        // a second model: champion by itself (clearly better) or promoted by an admin
        String second = EndToEndScoringTestSupport.train(admin, LeadFixtures.history(1400, 22), "succeeded").extract().path("modelId");
        String status = given().auth().oauth2(admin).get("/api/v1/models/" + second).then().extract().path("status");
        if (!"champion".equals(status)) {
            given().auth().oauth2(admin).post("/api/v1/models/" + second + "/promote").then().statusCode(200)
                    .body("status", equalTo("champion")).body("previousChampionId", equalTo(first));
        }
        given().auth().oauth2(admin).post("/api/v1/models/" + second + "/promote").then().statusCode(409);
        given().auth().oauth2(admin).get("/api/v1/models/" + first).then().body("status", equalTo("retired"));

        // below the gate: kept, never serves
        String small = EndToEndScoringTestSupport.train(admin, LeadFixtures.history(400, 23), "succeeded")
                .body("result.gate.met", is(false)).body("result.champion", is(false)).extract().path("modelId");
        given().auth().oauth2(admin).post("/api/v1/models/" + small + "/promote").then().statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("/below-data-gate"));

        // roll back: the first serves again; nothing before it
        given().auth().oauth2(admin).post("/api/v1/models/rollback").then().statusCode(200)
                .body("id", equalTo(first)).body("status", equalTo("champion"));
        given().auth().oauth2(admin).post("/api/v1/models/rollback").then().statusCode(409);

        given().auth().oauth2(admin).get("/api/v1/models").then().statusCode(200).body("items.size()", equalTo(3));
        given().auth().oauth2(admin).get("/api/v1/models/audit").then().statusCode(200)
                .body("items.action", hasItem("rolled-back"))
                .body("items.action", hasItem("auto-promoted"))
                .body("items.actor", hasItem("admin-" + TENANT));
        assertThat(LeadFixtures.DB.count("SELECT count(*) FROM model_version WHERE tenant_id = ? AND status = 'champion'", TENANT))
                .isEqualTo(1);
    }

    @Test
    void whoMaySeeAndChangeModels() {
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-m")).get("/api/v1/models").then().statusCode(403);
        given().auth().oauth2(com.keystone.crm.platform.testkit.TestTokens.token(TENANT, "lead-m", "team-a", "team-lead"))
                .post("/api/v1/models/rollback").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/models/6f1c2a1e-8b7d-4c2a-9e1f-5a6b7c8d9e0f").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).post("/api/v1/models/not-an-id/promote").then().statusCode(404);
        given().auth().oauth2(LeadFixtures.admin("foreign-realty")).get("/api/v1/models").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }
}

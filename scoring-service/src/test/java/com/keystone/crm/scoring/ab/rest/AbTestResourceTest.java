package com.keystone.crm.scoring.ab.rest;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import com.keystone.crm.scoring.ab.domain.AbSplit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * A champion/challenger test end to end: an admin starts it, live leads are split by the stable hash of their id,
 * lead.scored says which arm answered, conversions are tracked per arm, the report compares the arms, and the
 * challenger is promoted only once it has won with confidence.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class AbTestResourceTest {
    static final String TENANT = "ab-realty";
    final String admin = LeadFixtures.admin(TENANT);

    @Test
    void leadsAreSplitByTheirIdTrackedPerArmAndTheChallengerWinsOnlyWithConfidence() {
        String first = EndToEndScoringTestSupport.train(admin, LeadFixtures.history(1400, 31), "succeeded").extract().path("modelId");
        String second = EndToEndScoringTestSupport.train(admin, LeadFixtures.history(1400, 32), "succeeded").extract().path("modelId");
        String champion = "champion".equals(given().auth().oauth2(admin).get("/api/v1/models/" + second).then()
                .extract().path("status")) ? second : first;
        String challenger = champion.equals(first) ? second : first;

        // hostile or wrong starts
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + challenger + "\", \"share\": 1.5}")
                .post("/api/v1/models/challenger").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + challenger + "\", \"share\": 0.5, \"share\": 0.9}")
                .post("/api/v1/models/challenger").then().statusCode(400);
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + champion + "\"}")
                .post("/api/v1/models/challenger").then().statusCode(409).body("type", endsWith("/already-champion"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"nope\"}")
                .post("/api/v1/models/challenger").then().statusCode(404);
        given().auth().oauth2(LeadFixtures.admin("other-ab-realty")).contentType("application/json")
                .body("{\"modelId\": \"" + challenger + "\"}").post("/api/v1/models/challenger").then().statusCode(404);
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-ab")).contentType("application/json")
                .body("{\"modelId\": \"" + challenger + "\"}").post("/api/v1/models/challenger").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/models/challenger").then().statusCode(404);

        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + challenger + "\", \"share\": 0.5}")
                .post("/api/v1/models/challenger").then().statusCode(200)
                .body("status", equalTo("challenger")).body("trafficShare", equalTo(0.5f));
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + challenger + "\"}")
                .post("/api/v1/models/challenger").then().statusCode(409).body("type", endsWith("/test-running"));
        UUID experiment = UUID.fromString(challenger);
        String challengerName = given().auth().oauth2(admin).get("/api/v1/models/" + challenger).then().extract().path("name");

        // live leads: each scored by the arm its id hashes to, and lead.scored says which
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            LeadFixtures.created(TENANT, lead, "agent-ab", t0, i % 3 == 0 ? "referral" : "website", "0-3-months");
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> DB.count("SELECT count(*) FROM ab_exposure WHERE experiment_id = ?::uuid",
                challenger) == leads.size());
        for (UUID lead : leads) {
            String expected = AbSplit.variant(experiment, lead, 0.5);
            assertThat(DB.count("SELECT count(*) FROM lead_score WHERE lead_id = ?::uuid AND variant = ? AND fallback = false",
                    lead.toString(), expected)).as("lead %s", lead).isEqualTo(1);
            assertThat(DB.count("SELECT count(*) FROM ab_exposure WHERE lead_id = ?::uuid AND variant = ?",
                    lead.toString(), expected)).isEqualTo(1);
        }
        UUID inChallengerArm = leads.stream().filter(l -> AbSplit.variant(experiment, l, 0.5).equals(AbSplit.CHALLENGER))
                .findFirst().orElseThrow();
        CapturedEvent scored = KafkaEvents.awaitEvent("lead.scored", e -> e.key().equals(inChallengerArm.toString()));
        KafkaEvents.assertSchemaValid(scored);
        assertThat(scored.value().get("variant").asText()).isEqualTo("challenger");
        assertThat(scored.value().get("modelVersion").asText()).isEqualTo(challengerName);
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-ab")).get("/api/v1/scores/" + inChallengerArm).then()
                .statusCode(200).body("variant", equalTo("challenger")).body("modelVersion", equalTo(challengerName));

        // drift of the champion: its training distributions against the leads it scored (live leads with one
        // timeframe and no activity look nothing like the uploaded history: an alert)
        String championName = given().auth().oauth2(admin).get("/api/v1/models/" + champion).then().extract().path("name");
        long championLeads = DB.count("SELECT count(*) FROM lead_score WHERE tenant_id = ? AND model_version = ?", TENANT, championName);
        given().auth().oauth2(admin).get("/api/v1/models/drift").then().statusCode(200)
                .body("model", equalTo(championName))
                .body("leads", equalTo((int) championLeads))
                .body("trainingRows", equalTo(1400))
                .body("features.feature", hasItem("timeframe"))
                .body("features.find { it.feature == 'timeframe' }.psi", org.hamcrest.Matchers.greaterThan(0.25f))
                .body("scorePsi", org.hamcrest.Matchers.notNullValue())
                .body("alert", equalTo(true))
                .body("drifted", hasItem("timeframe"));
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-ab")).get("/api/v1/models/drift").then().statusCode(403);

        // a conversion is counted for its arm; the prediction kept is the one made before it
        UUID won = leads.get(0);
        LeadFixtures.statusChanged(TENANT, won, 2, LeadStatus.NEW, LeadStatus.UNDER_CONTRACT, t0.plus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> DB.count("SELECT count(*) FROM ab_exposure WHERE lead_id = ?::uuid "
                + "AND converted_at IS NOT NULL", won.toString()) == 1);

        // too few outcomes: the report says so and the challenger may not be promoted
        given().auth().oauth2(com.keystone.crm.platform.testkit.TestTokens.token(TENANT, "lead-ab", "team-a", "team-lead"))
                .get("/api/v1/models/challenger").then().statusCode(200)
                .body("verdict", equalTo("insufficient-data"))
                .body("challenger", equalTo(challengerName))
                .body("arms.variant", hasItems("champion", "challenger"))
                .body("arms.leads.sum()", equalTo(leads.size()))
                .body("arms.conversions.sum()", equalTo(1))
                .body("aucDifference", nullValue());
        given().auth().oauth2(admin).post("/api/v1/models/challenger/promote").then().statusCode(409)
                .body("type", endsWith("/not-proven"));

        // stopped: no test, the model is a candidate again; started again, the same test goes on
        given().auth().oauth2(admin).delete("/api/v1/models/challenger").then().statusCode(200)
                .body("status", equalTo("candidate")).body("trafficShare", nullValue());
        given().auth().oauth2(admin).get("/api/v1/models/challenger").then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/json").body("{\"modelId\": \"" + challenger + "\", \"share\": 0.5}")
                .post("/api/v1/models/challenger").then().statusCode(200);

        // enough outcomes where the challenger clearly ranks better (recorded as the scoring path records them)
        LeadFixtures.abOutcomes(TENANT, challenger, true, 30);
        given().auth().oauth2(admin).get("/api/v1/models/challenger").then().statusCode(200)
                .body("verdict", equalTo("challenger-better"));
        given().auth().oauth2(admin).post("/api/v1/models/challenger/promote").then().statusCode(200)
                .body("id", equalTo(challenger)).body("status", equalTo("champion"))
                .body("previousChampionId", equalTo(champion)).body("trafficShare", nullValue());
        given().auth().oauth2(admin).get("/api/v1/models/challenger").then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/models/audit").then().statusCode(200)
                .body("items.action", hasItems("challenger-started", "challenger-stopped", "ab-promoted"))
                .body("items.actor", hasItem("admin-" + TENANT));
    }

    @Test
    void aTestCanBeStoppedAndNeedsAChampion() {
        String tenant = "ab-stop-realty";
        String boss = LeadFixtures.admin(tenant);
        given().auth().oauth2(boss).delete("/api/v1/models/challenger").then().statusCode(409).body("type", endsWith("/no-test"));
        given().auth().oauth2(boss).post("/api/v1/models/challenger/promote").then().statusCode(409);
        given().auth().oauth2(boss).contentType("application/json").body("{\"modelId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/models/challenger").then().statusCode(404);
        given().auth().oauth2(boss).contentType("text/plain").body("x").post("/api/v1/models/challenger").then().statusCode(415);
        given().auth().oauth2(boss).get("/api/v1/models/drift").then().statusCode(404).contentType("application/problem+json");
    }
}

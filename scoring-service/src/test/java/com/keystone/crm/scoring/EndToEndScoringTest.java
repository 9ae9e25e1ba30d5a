package com.keystone.crm.scoring;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The whole path through Kafka: lead events → feature store → rules answer (lead.scored, fallback) → a model trained
 * through the API on a CSV history → the model answers the lead's next event (lead.scored with its version) → the
 * explanation with every contribution.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class EndToEndScoringTest {
    static final String TENANT = "e2e-realty";

    @Test
    void eventsFeaturesTrainingAndLeadScoredThroughKafka() {
        UUID lead = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        UUID createdId = LeadFixtures.created(TENANT, lead, "agent-e2e", t0, "referral", "0-3-months");

        // no model yet: the points table answers, and says so
        CapturedEvent first = KafkaEvents.awaitEvent("lead.scored", e -> e.key().equals(lead.toString()));
        KafkaEvents.assertCloudEvent(first, "lead.scored", "/scoring-service");
        KafkaEvents.assertSchemaValid(first);
        assertThat(first.value().get("fallback").asBoolean()).isTrue();
        assertThat(first.value().get("modelVersion").asText()).isEqualTo("rules-v0");
        assertThat(first.value().get("tenantId").asText()).isEqualTo(TENANT);
        assertThat(DB.count("SELECT count(*) FROM lead_event WHERE id = ?::uuid AND lead_id = ?::uuid",
                createdId.toString(), lead.toString())).isEqualTo(1);

        // a history from the previous CRM, through the API
        String admin = LeadFixtures.admin(TENANT);
        String runId = given().auth().oauth2(admin)
                .multiPart("file", "history.csv", LeadFixtures.history(1500, 11).getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "{\"label\": \"converted\", \"roles\": {\"lead_ref\": \"id\"}}")
                .post("/api/v1/training-sets").then().statusCode(201)
                .body("report.rows", equalTo(1500))
                .body("report.refused", hasItem("race"))
                .body("report.timeOrder", equalTo("row order"))
                .extract().path("trainingRunId");
        String model = EndToEndScoringTestSupport.awaitRun(admin, runId)
                .body("status", equalTo("succeeded"))
                .body("result.gate.met", is(true))
                .body("result.champion", is(true))
                .body("result.refused", hasItem("race"))
                .extract().path("result.modelName");

        // the lead's next events: the model answers
        LeadFixtures.delivered(TENANT, lead, t0.plus(Duration.ofMinutes(10)));
        LeadFixtures.replied(TENANT, lead, t0.plus(Duration.ofMinutes(20)));
        CapturedEvent scored = KafkaEvents.awaitEvent("lead.scored", e -> e.key().equals(lead.toString())
                && e.value().get("modelVersion").asText().equals(model));
        KafkaEvents.assertSchemaValid(scored);
        assertThat(scored.value().get("fallback").asBoolean()).isFalse();
        assertThat(scored.value().get("variant").asText()).isEqualTo("champion");
        assertThat(scored.value().get("previousScore").isNumber()).isTrue();
        assertThat(scored.value().get("reasons").size()).isBetween(1, 3);
        assertThat(scored.value().get("reasons").get(0).get("description").asText()).matches("^[+−] .*");

        // the explanation: every feature of the model with its contribution
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-e2e")).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("fallback", is(false))
                .body("modelVersion", equalTo(model))
                .body("contributions.size()", equalTo(7))
                .body("contributions.feature", hasItem("replied_within_1h"))
                .body("reasons.size()", equalTo(3));
        // another agent of the tenant, another tenant, a made-up id: not found
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-other")).get("/api/v1/scores/" + lead).then().statusCode(404);
        given().auth().oauth2(LeadFixtures.admin("other-realty")).get("/api/v1/scores/" + lead).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(LeadFixtures.admin(TENANT)).get("/api/v1/scores/not-a-uuid").then().statusCode(404);
        given().get("/api/v1/scores/" + lead).then().statusCode(401);
    }
}

package com.keystone.crm.lead.lead.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.Reason;
import com.keystone.crm.platform.contracts.events.ScoreTier;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** lead.scored consumed through the inbox: the same event delivered twice changes the lead once. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadScoredConsumerTest {
    static final String TENANT = "inbox-realty";
    static final String AGENT = "agent-ivy";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "team-i", "agent");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String token = TestTokens.token(TENANT, AGENT, "team-i", "agent");
        String leadId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Scored\",\"source\":\"website\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        UUID eventId = UUID.randomUUID();
        LeadScored scored = scored(leadId, 87.5, ScoreTier.HOT, Instant.now().minusSeconds(5));
        KafkaEvents.publish(leadId, eventId, "/scoring-service", scored);
        KafkaEvents.publish(leadId, eventId, "/scoring-service", scored);
        // a third, distinct event behind the duplicate on the same partition: once it is applied, so was the duplicate
        KafkaEvents.publish(leadId, UUID.randomUUID(), "/scoring-service", scored(leadId, 42, ScoreTier.COOL, Instant.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> activities(leadId) == 2);
        var lead = given().auth().oauth2(token).get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("score.tier", equalTo("cool")).extract().jsonPath();
        assertThat(lead.getDouble("score.value")).isEqualTo(42.0);
        assertThat(lead.getList("score.reasons.feature")).containsExactly("source");
        given().auth().oauth2(token).queryParam("tier", "cool").queryParam("sort", "-score").get("/api/v1/leads")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(leadId));
        given().auth().oauth2(token).queryParam("tier", "hot").get("/api/v1/leads")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(leadId)));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()))
                .isEqualTo(1);
        assertThat(activities(leadId)).isEqualTo(2);
    }

    @Test
    void anEventBreakingTheContractGoesToTheDeadLetterTopic() {
        String leadId = UUID.randomUUID().toString();
        // a scoring-service that breaks the contract: the generated types cannot build this, so spoil a valid one
        ObjectNode broken = (ObjectNode) EventJson.toJson(scored(leadId, 25, ScoreTier.HOT, Instant.now()));
        broken.put("score", 250).put("tier", "scorching");
        UUID eventId = UUID.randomUUID();
        KafkaEvents.publish("lead.scored", leadId, eventId, "/scoring-service", TENANT, broken);

        CapturedEvent dead = KafkaEvents.awaitEvent("lead-service.dlq", e -> eventId.toString().equals(e.header("ce_id")));
        assertThat(dead.header("dead-letter-reason")).isNotBlank();
        assertThat(dead.header("dead-letter-topic")).isEqualTo("lead.scored");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid", eventId.toString()))
                .isZero();
    }

    static long activities(String leadId) {
        return TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'score-change'", leadId);
    }

    static LeadScored scored(String leadId, double score, ScoreTier tier, Instant at) {
        return LeadScored.builder()
                .withLeadId(UUID.fromString(leadId))
                .withTenantId(TENANT)
                .withVersion(1L)
                .withOccurredAt(at)
                .withScore(BigDecimal.valueOf(score))
                .withTier(tier)
                .withModelVersion("gbm-2026-11-20")
                .withReasons(List.of(Reason.builder().withFeature("source").withContribution(new BigDecimal("0.3"))
                        .withDescription("Zillow leads convert well").build()))
                .build();
    }
}

package com.keystone.crm.scoring.feature.messaging;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import com.keystone.crm.scoring.feature.service.FeatureStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The feature store's consumers: once per event, visibility follows assignment, deleted leads are gone; the load of
 * the lead's agent is served among its features.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class FeatureEventConsumerTest {
    static final String TENANT = "consumers-realty";

    @Inject
    FeatureStore store;

    @Test
    void aRedeliveredEventIsStoredOnceAndTheRulesExplainTheScore() {
        UUID lead = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        // lead.created comes on its own topic: wait for it too, or the count below races it
        LeadFixtures.awaitConsumed(LeadFixtures.created(TENANT, lead, "agent-c1", t0, "referral", "0-3-months"));
        UUID activity = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            KafkaEvents.publish(lead.toString(), activity, "/lead-service",
                    com.keystone.crm.platform.contracts.events.LeadActivityRecorded.builder()
                            .withLeadId(lead).withTenantId(TENANT).withVersion(1L).withOccurredAt(t0.plusSeconds(60))
                            .withActivityId(UUID.randomUUID()).withActivityType("property-viewed").withActorId("agent-c1").build());
        }
        LeadFixtures.awaitConsumed(activity);
        UUID sentinel = LeadFixtures.activity(TENANT, lead, "note-added", t0.plusSeconds(120));
        LeadFixtures.awaitConsumed(sentinel);
        assertThat(DB.count("SELECT count(*) FROM lead_event WHERE lead_id = ?::uuid", lead.toString())).isEqualTo(3);

        // no model in this tenant: the points table, every matching rule listed
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-c1")).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("fallback", is(true))
                .body("modelVersion", equalTo("rules-v0"))
                .body("fallbackReason", equalTo("no trained model yet"))
                .body("contributionUnit", equalTo("points"))
                .body("contributions.find { it.feature == 'timeframe' }.contribution", equalTo(20.0f))
                .body("contributions.find { it.feature == 'source' }.description", equalTo("+ came by referral"))
                .body("contributions.find { it.feature == 'activities_property_viewed' }.contribution", equalTo(10.0f))
                // base 10 + timeframe 20 + referral 15 + viewed 10 + budget 5
                .body("score", equalTo(60.0f))
                .body("tier", equalTo("hot"));
    }

    @Test
    void visibilityFollowsAssignmentAndDeletedLeadsAreGone() {
        UUID lead = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        // both are awaited: the team lead below sees the lead through its team, which only lead.created carries
        // (the order the two topics are consumed in is EventOrderTest's subject)
        UUID created = LeadFixtures.created(TENANT, lead, "agent-c2", t0, "website", null);
        UUID moved = LeadFixtures.assigned(TENANT, lead, 2, "agent-c3", t0.plusSeconds(30));
        LeadFixtures.awaitConsumed(created);
        LeadFixtures.awaitConsumed(moved);
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-c3")).get("/api/v1/scores/" + lead).then().statusCode(200);
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-c2")).get("/api/v1/scores/" + lead).then().statusCode(404);
        given().auth().oauth2(com.keystone.crm.platform.testkit.TestTokens.token(TENANT, "lead-c", "team-a", "team-lead"))
                .get("/api/v1/scores/" + lead).then().statusCode(200);

        UUID status = LeadFixtures.statusChanged(TENANT, lead, 3, LeadStatus.NEW, LeadStatus.CONTACTED, t0.plusSeconds(40));
        LeadFixtures.awaitConsumed(status);
        assertThat(DB.count("SELECT count(*) FROM lead_state WHERE lead_id = ?::uuid AND status = 'contacted' AND lead_version = 3",
                lead.toString())).isEqualTo(1);

        UUID deleted = UUID.randomUUID();
        KafkaEvents.publish(lead.toString(), deleted, "/lead-service", LeadUpdated.builder()
                .withLeadId(lead).withTenantId(TENANT).withVersion(4L).withOccurredAt(t0.plusSeconds(50))
                .withChangedFields(java.util.Set.of("deleted", "assignedAgentId")).withUpdatedBy("admin").withDeleted(true)
                .withAssignedAgentId(null).build());
        LeadFixtures.awaitConsumed(deleted);
        given().auth().oauth2(LeadFixtures.admin(TENANT)).get("/api/v1/scores/" + lead).then().statusCode(404);
        // a stale update (older version) changes no state
        UUID stale = UUID.randomUUID();
        KafkaEvents.publish(lead.toString(), stale, "/lead-service", LeadUpdated.builder()
                .withLeadId(lead).withTenantId(TENANT).withVersion(2L).withOccurredAt(t0.plusSeconds(45))
                .withChangedFields(java.util.Set.of("status")).withUpdatedBy("admin").withStatus(LeadStatus.LOST).build());
        LeadFixtures.awaitConsumed(stale);
        assertThat(DB.count("SELECT count(*) FROM lead_state WHERE lead_id = ?::uuid AND status = 'contacted' AND deleted",
                lead.toString())).isEqualTo(1);
    }

    @Test
    void aLeadIdOfAnotherTenantIsNotTakenOver() {
        UUID lead = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        UUID mine = LeadFixtures.created(TENANT, lead, "agent-c4", t0, "website", null);
        LeadFixtures.awaitConsumed(mine);
        UUID theirs = LeadFixtures.created("intruder-realty", lead, "agent-x", t0, "website", null);
        LeadFixtures.awaitConsumed(theirs);
        given().auth().oauth2(LeadFixtures.admin("intruder-realty")).get("/api/v1/scores/" + lead).then().statusCode(404);
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-c4")).get("/api/v1/scores/" + lead).then().statusCode(200);
        // a notification without a lead is about no lead
        UUID reply = UUID.randomUUID();
        KafkaEvents.publish(reply.toString(), reply, "/notification-service",
                com.keystone.crm.platform.contracts.events.NotificationReplied.builder().withReplyId(reply).withTenantId(TENANT)
                        .withVersion(1L).withOccurredAt(t0).withChannel(com.keystone.crm.platform.contracts.events.NotificationReplied.Channel.SMS)
                        .withFrom("+14155550100").withBody("hi").build());
        LeadFixtures.awaitConsumed(reply);
        assertThat(DB.count("SELECT count(*) FROM lead_event WHERE id = ?::uuid", reply.toString())).isZero();
    }

    @Test
    void theAgentsRecentAssignmentsAreTheLeadsAgentLoad() {
        // a tenant of its own: its points table scores agent_load, so that the explanation lists it
        String tenant = "agent-load-realty";
        String admin = LeadFixtures.admin(tenant);
        String etag = given().auth().oauth2(admin).get("/api/v1/scoring-policy").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body("""
                        {"convertedStatuses": ["closed-won"], "labelWindowDays": 90, "basePoints": 50,
                         "rules": [{"feature": "agent_load", "atLeast": 0, "points": -5, "description": "the agent's recent leads"}]}""")
                .put("/api/v1/scoring-policy").then().statusCode(200);

        Instant now = Instant.now();
        UUID lead = UUID.randomUUID();
        List<UUID> awaited = new java.util.ArrayList<>();
        awaited.add(LeadFixtures.created(tenant, lead, "agent-l1", now.minus(Duration.ofHours(1)), "website", null));
        // agent-l1 was handed three other leads within 30 days, one 31 days ago (outside the window)
        for (int days : new int[] {2, 10, 29, 31}) {
            awaited.add(LeadFixtures.assigned(tenant, UUID.randomUUID(), 2, "agent-l1", now.minus(Duration.ofDays(days))));
        }
        // the same agent id in another tenant, and another agent: neither is agent-l1's load here
        awaited.add(LeadFixtures.assigned("agent-load-other-realty", UUID.randomUUID(), 2, "agent-l1", now.minus(Duration.ofDays(1))));
        awaited.add(LeadFixtures.assigned(tenant, UUID.randomUUID(), 2, "agent-l2", now.minus(Duration.ofDays(1))));
        // a lead nobody is assigned to
        UUID orphan = UUID.randomUUID();
        awaited.add(LeadFixtures.created(tenant, orphan, null, now.minus(Duration.ofHours(1)), "website", null));
        awaited.forEach(LeadFixtures::awaitConsumed);

        given().auth().oauth2(admin).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("fallback", is(true))
                .body("contributions.find { it.feature == 'agent_load' }.value", equalTo(3.0f))
                .body("contributions.find { it.feature == 'agent_load' }.contribution", equalTo(-5.0f))
                .body("contributions.find { it.feature == 'agent_load' }.description", equalTo("− the agent's recent leads"))
                .body("contributions.find { it.feature == 'agent_id' }", nullValue())
                .body("score", equalTo(45.0f));
        // no agent: the load is missing, so no rule matches it (not an idle agent's 0)
        given().auth().oauth2(admin).get("/api/v1/scores/" + orphan).then().statusCode(200)
                .body("contributions.find { it.feature == 'agent_load' }", nullValue())
                .body("score", equalTo(50.0f));
        // training and drift count from the tenant's assignments read once: the same figure
        Instant cutoff = Instant.now();
        Integer bulk = LeasedWorker.await(() -> Panache.withSession(() -> store.agentLoads(tenant, cutoff, cutoff)))
                .at("agent-l1", cutoff);
        assertThat(bulk).isEqualTo(3);

        // reassigned to agent-l2: the load is agent-l2's now (the other lead and this one)
        UUID moved = LeadFixtures.assigned(tenant, lead, 3, "agent-l2", Instant.now());
        LeadFixtures.awaitConsumed(moved);
        given().auth().oauth2(admin).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("contributions.find { it.feature == 'agent_load' }.value", equalTo(2.0f));
    }
}

package com.keystone.crm.scoring.feature.messaging;

import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.equalTo;

/**
 * Topics are consumed independently: a lead's assignment may be stored before its creation, or both at once, while
 * its score is being read. Whatever the order, a GET answers 200 or 404, never 500, and the state converges.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class EventOrderTest {
    static final String TENANT = "order-realty";

    @Test
    void anAssignmentStoredBeforeTheLeadsCreationIsScoredAndTheCreationFillsInTheRest() {
        UUID lead = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        LeadFixtures.awaitConsumed(LeadFixtures.assigned(TENANT, lead, 2, "agent-o2", t0.plusSeconds(30)));

        // only the assignment is known: no creation time, no profile, no team; the rules answer with the base points
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-o2")).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("fallback", equalTo(true))
                .body("score", equalTo(10.0f))
                .body("contributions", org.hamcrest.Matchers.empty());
        assertThat(DB.count("SELECT count(*) FROM lead_state WHERE lead_id = ?::uuid AND created_at IS NULL AND team_id IS NULL",
                lead.toString())).isEqualTo(1);

        // the older creation arrives: it fills in the creation time and team, and does not take the lead back
        LeadFixtures.awaitConsumed(LeadFixtures.created(TENANT, lead, "agent-o1", t0, "referral", "0-3-months"));
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-o2")).get("/api/v1/scores/" + lead).then().statusCode(200)
                .body("contributions.find { it.feature == 'source' }.description", equalTo("+ came by referral"));
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-o1")).get("/api/v1/scores/" + lead).then().statusCode(404);
        assertThat(DB.count("SELECT count(*) FROM lead_state WHERE lead_id = ?::uuid AND created_at IS NOT NULL "
                + "AND team_id = 'team-a' AND assigned_agent_id = 'agent-o2' AND lead_version = 2", lead.toString())).isEqualTo(1);
    }

    @Test
    void leadsCreatedAndAssignedAtOnceWhileTheirScoresAreReadNeverAnswer500() {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        List<UUID> leads = new ArrayList<>();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            // assignment first on the wire for half of them; every topic's consumer races the others
            if (i % 2 == 0) {
                events.add(LeadFixtures.assigned(TENANT, lead, 2, "agent-o4", t0.plusSeconds(30)));
                events.add(LeadFixtures.created(TENANT, lead, "agent-o3", t0, "website", "3-6-months"));
            } else {
                events.add(LeadFixtures.created(TENANT, lead, "agent-o3", t0, "website", "3-6-months"));
                events.add(LeadFixtures.assigned(TENANT, lead, 2, "agent-o4", t0.plusSeconds(30)));
            }
            events.add(LeadFixtures.activity(TENANT, lead, "property-viewed", t0.plusSeconds(40)));
            events.add(LeadFixtures.delivered(TENANT, lead, t0.plusSeconds(50)));
        }
        List<String> failures = new ArrayList<>();
        String token = LeadFixtures.agent(TENANT, "agent-o4");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (UUID lead : leads) {
                Response r = given().auth().oauth2(token).get("/api/v1/scores/" + lead);
                if (r.statusCode() != 200 && r.statusCode() != 404) {
                    failures.add(r.statusCode() + " " + r.asString());
                }
            }
            return events.stream().allMatch(id -> DB.count("SELECT count(*) FROM consumed_event WHERE event_id = ?::uuid",
                    id.toString()) == 1);
        });
        assertThat(failures).isEmpty();
        for (UUID lead : leads) {
            assertThat(DB.count("SELECT count(*) FROM lead_state WHERE lead_id = ?::uuid AND assigned_agent_id = 'agent-o4' "
                    + "AND team_id = 'team-a' AND created_at IS NOT NULL AND lead_version = 2", lead.toString())).isEqualTo(1);
            assertThat(DB.count("SELECT count(*) FROM lead_event WHERE lead_id = ?::uuid", lead.toString())).isEqualTo(4);
            given().auth().oauth2(token).get("/api/v1/scores/" + lead).then().statusCode(200)
                    .body("contributions.find { it.feature == 'activities_property_viewed' }.contribution", equalTo(10.0f));
        }
    }
}

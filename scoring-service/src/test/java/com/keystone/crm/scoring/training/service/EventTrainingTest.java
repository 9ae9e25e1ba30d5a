package com.keystone.crm.scoring.training.service;

import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Training from the feature store: one row per lead at its cutoff (creation + 7 days), labelled by a converted status
 * within 90 days after it. Calls logged after the cutoff must not reach the row (point-in-time), so that column is
 * the same for every row and is left out; a lead converted before its cutoff is not a row. agent_load counts the
 * busy agent's assignments of the 30 days before each row's own cutoff, none after it.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class EventTrainingTest {
    static final String TENANT = "history-realty";

    @Test
    void rowsHoldOnlyWhatWasKnownAtTheirCutoff() {
        Instant now = Instant.now();
        int events = 0;
        for (int i = 0; i < 60; i++) {
            UUID lead = UUID.randomUUID();
            Instant created = now.minus(Duration.ofDays(300 - i));
            boolean converts = i % 4 == 0;
            LeadFixtures.created(TENANT, lead, "agent-h", created, converts && i % 8 == 0 ? "referral" : "website",
                    i % 5 == 0 ? "0-3-months" : "6-12-months");
            events++;
            if (i % 3 == 0 || converts && i % 8 == 0) {
                LeadFixtures.delivered(TENANT, lead, created.plus(Duration.ofDays(1)));
                LeadFixtures.replied(TENANT, lead, created.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
                events += 2;
            }
            if (converts) {
                // known only later: calls after the cutoff, then the conversion
                LeadFixtures.activity(TENANT, lead, "call-logged", created.plus(Duration.ofDays(20)));
                LeadFixtures.activity(TENANT, lead, "call-logged", created.plus(Duration.ofDays(21)));
                LeadFixtures.statusChanged(TENANT, lead, 2, LeadStatus.CONTACTED, LeadStatus.CLOSED_WON, created.plus(Duration.ofDays(30)));
                events += 3;
            }
            if (i % 10 == 0) {
                // leads are created a day apart, so the busy agent gets one every 10 days: at lead i's cutoff it was
                // handed leads i-20, i-10 and i within 30 days (3 at most); i+10's comes after i's cutoff
                LeadFixtures.assigned(TENANT, lead, 3, "agent-busy", created.plus(Duration.ofDays(1)));
                events++;
            }
            if (i == 1) {
                // converted before its cutoff: its outcome was already known, it is no training row
                LeadFixtures.statusChanged(TENANT, lead, 2, LeadStatus.NEW, LeadStatus.UNDER_CONTRACT, created.plus(Duration.ofDays(2)));
                events++;
            }
        }
        int expected = events;
        await().atMost(Duration.ofSeconds(90)).until(() ->
                LeadFixtures.DB.count("SELECT count(*) FROM lead_event WHERE tenant_id = ?", TENANT) == expected);

        org.assertj.core.api.Assertions.assertThat(LeadFixtures.DB.count(
                "SELECT count(*) FROM lead_state WHERE tenant_id = ? AND created_at IS NOT NULL AND NOT deleted", TENANT)).isEqualTo(60);
        String admin = LeadFixtures.admin(TENANT);
        String runId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"source\": \"events\"}")
                .post("/api/v1/training-runs").then().statusCode(202).body("status", equalTo("queued"))
                .extract().path("id");
        EndToEndScoringTestSupport.awaitRun(admin, runId)
                .body("status", equalTo("succeeded"))
                .body("result.report.labelledRows", equalTo(59))
                .body("result.report.positives", equalTo(15))
                .body("result.report.timeOrder", equalTo("cutoff"))
                .body("result.report.warnings", hasItem(containsString("'activities_call_logged'")))
                // agent-h's leads came with lead.created, no lead.assigned: 0; the busy agent's: 1, 2, then 3
                .body("result.report.columns.find { it.name == 'agent_load' }.max", equalTo(3.0f))
                .body("result.report.columns.find { it.name == 'agent_load' }.min", equalTo(0.0f))
                .body("result.report.columns.find { it.name == 'agent_load' }.distinct", equalTo(4))
                .body("result.gate.met", is(false))
                .body("result.champion", is(false));
    }

    @Test
    void tooLittleHistoryFailsTheRunWithTheReason() {
        String admin = LeadFixtures.admin("empty-history-realty");
        String runId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/training-runs").then().statusCode(202).extract().path("id");
        EndToEndScoringTestSupport.awaitRun(admin, runId)
                .body("status", equalTo("failed"))
                .body("error.detail", containsString("training needs at least"));
    }
}

package com.keystone.crm.scoring.schedule.service;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestClock;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import com.keystone.crm.scoring.drift.domain.DriftCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The weekly check with the test clock: the first check of a tenant without a model trains one from the feature
 * store (the first champion); months later, leads that look nothing like the training data and convert far more
 * than predicted raise a drift and a calibration alert, the check is recorded, and the model retrained on the fresh
 * data starts an A/B test instead of replacing the champion. Two instances checking at once record one check.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class ScheduledChecksTest {
    static final String TENANT = "schedule-realty";
    final String admin = LeadFixtures.admin(TENANT);

    @Inject
    TestClock clock;
    @Inject
    ScheduledChecks checks;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theScheduleTrainsAChampionThenDetectsDriftAndProposesAChallengerByAbTest() throws Exception {
        Instant now = Instant.now();
        Random random = new Random(14);
        // a year of history: referrals and short timeframes convert more
        seed(1300, now.minus(Duration.ofDays(400)), Duration.ofHours(3), random, false);

        // the first look creates the tenants' schedules; nothing is due yet. Other test classes' tenants are left
        // out of this test by moving their checks far away.
        checks.runDue();
        DB.execute("UPDATE scoring_schedule SET next_check_at = '9999-01-01T00:00:00Z' WHERE tenant_id <> ?", TENANT);
        Instant firstDue = Instant.parse(given().auth().oauth2(admin).get("/api/v1/scoring-schedule").then().statusCode(200)
                .body("cron", nullValue()).body("effectiveCron", equalTo("0 0 3 ? * MON")).body("retrain", equalTo("always"))
                .extract().<String>path("nextCheckAt"));
        assertThat(firstDue.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(checks.runDue()).isEmpty();

        // a week later: no champion to measure, so the check trains the first one
        clock.advance(Duration.ofDays(8));
        List<DriftCheck> first = checks.runDue();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).tenantId).isEqualTo(TENANT);
        assertThat(first.get(0).alert).isFalse();
        assertThat(first.get(0).trainingRunId).isNotNull();
        assertThat(checks.runDue()).as("done until next week").isEmpty();
        String firstModel = EndToEndScoringTestSupport.awaitRun(admin, first.get(0).trainingRunId.toString())
                .body("status", equalTo("succeeded")).body("trigger", equalTo("scheduled"))
                .body("requestedBy", equalTo("scoring-schedule"))
                .body("result.gate.met", is(true)).body("result.champion", is(true))
                .body("result.challenger.outcome", equalTo("first-champion"))
                .extract().path("modelId");
        String championName = given().auth().oauth2(admin).get("/api/v1/models/" + firstModel).then()
                .body("status", equalTo("champion")).extract().path("name");

        // then the market changes: new leads all come from one portal with long timeframes, half of them convert,
        // and the champion scored them last week
        Instant t1 = now.plus(Duration.ofDays(8));
        List<UUID> fresh = seed(400, t1.plus(Duration.ofDays(1)), Duration.ofHours(1), random, true);
        clock.advance(Duration.ofDays(130));
        Instant scoredAt = now.plus(Duration.ofDays(137));
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            scores.append(i == 0 ? "" : ", ").append(String.format("('%s', '%s', 1, 8, 'cold', '%s', 'champion', false, '[]', 1, "
                    + "'%s')", fresh.get(i), TENANT, championName, scoredAt));
        }
        DB.execute("INSERT INTO lead_score (lead_id, tenant_id, version, score, tier, model_version, variant, fallback, "
                + "reasons, lead_version, scored_at) VALUES " + scores);

        List<DriftCheck> second = checks.runDue();
        assertThat(second).hasSize(1);
        DriftCheck check = second.get(0);
        assertThat(check.modelName).isEqualTo(championName);
        assertThat(check.alert).isTrue();
        assertThat(check.drifted).contains("timeframe", "calibration");
        assertThat(check.trainingRunId).isNotNull();

        // the alert is on Kafka too, published with the check: what drifted, by how much, the retraining it queued
        CapturedEvent alert = KafkaEvents.awaitEvent("model.drift-detected", e -> e.key().equals(check.id.toString()));
        KafkaEvents.assertCloudEvent(alert, "model.drift-detected", "/scoring-service");
        KafkaEvents.assertSchemaValid(alert);
        assertThat(alert.value().path("tenantId").asText()).isEqualTo(TENANT);
        assertThat(alert.value().path("modelVersion").asText()).isEqualTo(championName);
        assertThat(alert.value().path("drifted")).extracting(n -> n.asText()).contains("timeframe", "calibration");
        assertThat(alert.value().path("featurePsi")).anySatisfy(f -> {
            assertThat(f.path("feature").asText()).isEqualTo("timeframe");
            assertThat(f.path("psi").asDouble()).isGreaterThan(0.25);
        });
        assertThat(alert.value().path("expectedCalibrationError").asDouble()).isGreaterThan(0.05);
        assertThat(alert.value().path("retrainQueued").asBoolean()).isTrue();
        assertThat(alert.value().path("trainingRunId").asText()).isEqualTo(check.trainingRunId.toString());
        // the quiet first check published nothing
        assertThat(KafkaEvents.readAll("model.drift-detected")).noneMatch(e -> e.key().equals(first.get(0).id.toString()));

        // the recorded check: PSI per feature, calibration per score decile on the 400 matured leads
        given().auth().oauth2(TestTokens.token(TENANT, "lead-s", "team-a", "team-lead"))
                .get("/api/v1/models/drift/checks").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(check.id.toString()))
                .body("[0].model", equalTo(championName))
                .body("[0].drifted", hasItems("timeframe", "calibration"))
                .body("[0].trainingRunId", equalTo(check.trainingRunId.toString()))
                .body("[0].report.drift.leads", equalTo(150))
                .body("[0].report.drift.features.find { it.feature == 'timeframe' }.psi", greaterThan(0.25f))
                .body("[0].report.calibration.leads", equalTo(400))
                .body("[0].report.calibration.observedRate", greaterThan(0.4f))
                .body("[0].report.calibration.deciles", hasSize(10))
                .body("[0].report.calibration.expectedCalibrationError", greaterThan(0.05f))
                .body("[0].report.calibration.alert", is(true))
                .body("[0].report.decision.retrain", is(true))
                .body("[0].report.decision.trigger", equalTo("drift"))
                .body("[1].model", nullValue())
                .body("[1].report.decision.trigger", equalTo("scheduled"));
        given().auth().oauth2(admin).get("/api/v1/models/drift/checks?limit=1").then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(admin).get("/api/v1/models/drift/checks?limit=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(LeadFixtures.agent(TENANT, "agent-s")).get("/api/v1/models/drift/checks").then().statusCode(403);
        given().auth().oauth2(LeadFixtures.admin("other-schedule-realty")).get("/api/v1/models/drift/checks").then()
                .statusCode(200).body("$", hasSize(0));

        // the retrained model is tested against the champion, not promoted over it
        String challenger = EndToEndScoringTestSupport.awaitRun(admin, check.trainingRunId.toString())
                .body("status", equalTo("succeeded")).body("trigger", equalTo("drift"))
                .body("result.champion", is(false))
                .body("result.challenger.outcome", equalTo("ab-test-started"))
                .extract().path("modelId");
        given().auth().oauth2(admin).get("/api/v1/models/" + firstModel).then().body("status", equalTo("champion"));
        given().auth().oauth2(admin).get("/api/v1/models/" + challenger).then().body("status", equalTo("challenger"))
                .body("trafficShare", equalTo(0.2f));
        given().auth().oauth2(admin).get("/api/v1/models/challenger").then().statusCode(200)
                .body("champion", equalTo(championName));
        given().auth().oauth2(admin).post("/api/v1/models/challenger/promote").then().statusCode(409)
                .body("type", endsWith("/not-proven"));
        given().auth().oauth2(admin).get("/api/v1/models/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'challenger-started' }.actor", hasItem("scoring-schedule"));

        // asked for now, and two instances look at once: one check is recorded
        given().auth().oauth2(admin).post("/api/v1/scoring-schedule/check").then().statusCode(202);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<List<DriftCheck>>> replicas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replicas.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return checks.runDue();
            }));
        }
        int recorded = 0;
        for (CompletableFuture<List<DriftCheck>> r : replicas) {
            recorded += r.get().size();
        }
        assertThat(recorded).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM drift_check WHERE tenant_id = ?", TENANT)).isEqualTo(3);
        given().auth().oauth2(admin).get("/api/v1/models/drift/checks?limit=1").then()
                .body("[0].report.abTest.verdict", equalTo("insufficient-data"))
                .body("[0].report.abTest.action", equalTo("continues"));

        // the test's outcomes come in: a challenger that proves worse stops scoring leads at the next check
        // (once the retraining the last check queued is done, so that its model is not racing this one)
        awaitNoRunPending();
        String challengerName = given().auth().oauth2(admin).get("/api/v1/models/" + challenger).then().extract().path("name");
        LeadFixtures.abOutcomes(TENANT, challenger, false, 120);
        given().auth().oauth2(admin).post("/api/v1/scoring-schedule/check").then().statusCode(202);
        List<DriftCheck> stopping = checks.runDue();
        assertThat(stopping).hasSize(1);
        given().auth().oauth2(admin).get("/api/v1/models/drift/checks?limit=1").then()
                .body("[0].report.abTest.challenger", equalTo(challengerName))
                .body("[0].report.abTest.verdict", equalTo("champion-better"))
                .body("[0].report.abTest.action", equalTo("stopped"));
        given().auth().oauth2(admin).get("/api/v1/models/" + challenger).then().body("status", equalTo("candidate"));
        // the drift still alerts, so that check retrained too; its model is the next challenger, which an admin stops
        String retrained = EndToEndScoringTestSupport.awaitRun(admin, stopping.get(0).trainingRunId.toString())
                .body("status", equalTo("succeeded")).body("result.challenger.outcome", equalTo("ab-test-started"))
                .extract().path("modelId");
        given().auth().oauth2(admin).delete("/api/v1/models/challenger").then().statusCode(200).body("id", equalTo(retrained));

        // tested again by an admin, it proves better: the next check promotes it, audited as the schedule's
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"modelId\": \"" + challenger + "\"}")
                .post("/api/v1/models/challenger").then().statusCode(200);
        DB.execute("DELETE FROM ab_exposure WHERE experiment_id = ?::uuid", challenger);
        LeadFixtures.abOutcomes(TENANT, challenger, true, 120);
        given().auth().oauth2(admin).post("/api/v1/scoring-schedule/check").then().statusCode(202);
        List<DriftCheck> promoting = checks.runDue();
        assertThat(promoting).extracting(c -> c.modelName).as("the check measures the model that serves from now")
                .containsExactly(challengerName);
        given().auth().oauth2(admin).get("/api/v1/models/drift/checks?limit=1").then()
                .body("[0].report.abTest.verdict", equalTo("challenger-better"))
                .body("[0].report.abTest.action", equalTo("promoted"));
        given().auth().oauth2(admin).get("/api/v1/models/" + challenger).then().body("status", equalTo("champion"))
                .body("previousChampionId", equalTo(firstModel));
        given().auth().oauth2(admin).get("/api/v1/models/" + firstModel).then().body("status", equalTo("retired"));
        given().auth().oauth2(admin).get("/api/v1/models/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'ab-auto-promoted' }.actor", hasItem("scoring-schedule"))
                .body("items.findAll { it.action == 'challenger-stopped' }.actor", hasItem("scoring-schedule"));
        EndToEndScoringTestSupport.awaitRun(admin, promoting.get(0).trainingRunId.toString()).body("status", equalTo("succeeded"));
    }

    static void awaitNoRunPending() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> DB.count(
                "SELECT count(*) FROM training_run WHERE tenant_id = ? AND status IN ('queued', 'running')", TENANT) == 0);
    }

    @Test
    void aTenantSetsItsOwnScheduleWhichIsChecked() {
        String tenant = "own-schedule-realty";
        String boss = LeadFixtures.admin(tenant);
        given().auth().oauth2(boss).contentType(ContentType.JSON).body("{\"cron\": \"0 30 4 ? * SUN\"}")
                .put("/api/v1/scoring-schedule").then().statusCode(200)
                .body("cron", equalTo("0 30 4 ? * SUN")).body("effectiveCron", equalTo("0 30 4 ? * SUN"))
                .body("defaultCron", equalTo("0 0 3 ? * MON"));
        Instant next = Instant.parse(given().auth().oauth2(boss).get("/api/v1/scoring-schedule").then().statusCode(200)
                .extract().<String>path("nextCheckAt"));
        assertThat(next.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(next.atZone(ZoneOffset.UTC).getHour()).isEqualTo(4);
        assertThat(next.atZone(ZoneOffset.UTC).getMinute()).isEqualTo(30);

        for (String bad : List.of("\"every monday\"", "\"0 * * ? * *\"", "\"0 0 3 1 1 ? 2001\"", "\"" + "1".repeat(121) + "\"")) {
            given().auth().oauth2(boss).contentType(ContentType.JSON).body("{\"cron\": " + bad + "}")
                    .put("/api/v1/scoring-schedule").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", endsWith("cron"));
        }
        given().auth().oauth2(boss).contentType(ContentType.JSON).body("{\"cron\": \"0 0 3 ? * MON\", \"cron\": \"0 0 4 ? * MON\"}")
                .put("/api/v1/scoring-schedule").then().statusCode(400);
        given().auth().oauth2(boss).contentType(ContentType.TEXT).body("0 0 3 ? * MON")
                .put("/api/v1/scoring-schedule").then().statusCode(415);
        given().auth().oauth2(TestTokens.token(tenant, "lead-o", "team-a", "team-lead")).contentType(ContentType.JSON)
                .body("{\"cron\": null}").put("/api/v1/scoring-schedule").then().statusCode(403);
        given().auth().oauth2(LeadFixtures.agent(tenant, "agent-o")).get("/api/v1/scoring-schedule").then().statusCode(403);
        given().auth().oauth2(boss).get("/api/v1/models/audit").then().statusCode(200)
                .body("items.action", hasItem("schedule-changed"));

        // back to the default; asked for now, the check is due at once (a tenant without a model: nothing to measure)
        given().auth().oauth2(boss).contentType(ContentType.JSON).body("{\"cron\": null}")
                .put("/api/v1/scoring-schedule").then().statusCode(200).body("cron", nullValue())
                .body("effectiveCron", equalTo("0 0 3 ? * MON"));
        Instant asked = Instant.parse(given().auth().oauth2(boss).post("/api/v1/scoring-schedule/check").then().statusCode(202)
                .extract().<String>path("nextCheckAt"));
        assertThat(asked).isBefore(Instant.now().plusSeconds(1));
        DB.execute("UPDATE scoring_schedule SET next_check_at = '9999-01-01T00:00:00Z' WHERE tenant_id <> ?", tenant);
        List<DriftCheck> done = checks.runDue();
        assertThat(done).extracting(c -> c.tenantId).containsExactly(tenant);
        assertThat(done.get(0).modelName).isNull();
        given().auth().oauth2(boss).get("/api/v1/models/drift/checks").then().statusCode(200)
                .body("[0].report.note", org.hamcrest.Matchers.containsString("no champion"))
                .body("[0].report.decision.retrain", is(true));
        // its run finds too little history and fails with the reason; nothing serves
        String runId = DB.count("SELECT count(*) FROM training_run WHERE tenant_id = ?", tenant) == 1
                ? given().auth().oauth2(boss).get("/api/v1/models/drift/checks").then().extract().path("[0].trainingRunId") : null;
        assertThat(runId).isNotNull();
        EndToEndScoringTestSupport.awaitRun(boss, runId).body("status", equalTo("failed"));
    }

    /**
     * Leads straight into the feature store (as the consumers would have stored lead.created and a status change),
     * spaced {@code every} apart from {@code from}. Fresh leads all come from one portal with a long timeframe and
     * half of them convert; the history's conversion depends on source and timeframe.
     */
    static List<UUID> seed(int count, Instant from, Duration every, Random random, boolean fresh) {
        String[] sources = {"zillow", "website", "referral", "open-house"};
        String[] timeframes = {"0-3-months", "3-6-months", "6-12-months", "12-plus-months"};
        StringBuilder events = new StringBuilder();
        StringBuilder states = new StringBuilder();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID lead = UUID.randomUUID();
            ids.add(lead);
            Instant created = from.plus(every.multipliedBy(i));
            String source = fresh ? "zillow" : sources[random.nextInt(sources.length)];
            String timeframe = fresh ? "12-plus-months" : timeframes[random.nextInt(timeframes.length)];
            double p = fresh ? 0.5 : 0.05 + (source.equals("referral") ? 0.35 : 0) + (timeframe.equals("0-3-months") ? 0.25 : 0);
            boolean converts = random.nextDouble() < p;
            String payload = String.format("{\"leadId\": \"%s\", \"tenantId\": \"%s\", \"version\": 1, \"occurredAt\": \"%s\", "
                    + "\"createdAt\": \"%s\", \"status\": \"new\", \"source\": \"%s\", \"timeframe\": \"%s\", "
                    + "\"assignedAgentId\": \"agent-s\"}", lead, TENANT, created, created, source, timeframe);
            events.append(events.isEmpty() ? "" : ", ").append(String.format("(gen_random_uuid(), '%s', '%s', 'lead.created', '%s', '%s', '%s')",
                    TENANT, lead, created, created, payload));
            Instant won = created.plus(Duration.ofDays(30));
            if (converts) {
                events.append(String.format(", (gen_random_uuid(), '%s', '%s', 'lead.status-changed', '%s', '%s', "
                        + "'{\"leadId\": \"%s\", \"fromStatus\": \"contacted\", \"toStatus\": \"closed-won\"}')", TENANT, lead, won, won, lead));
            }
            states.append(states.isEmpty() ? "" : ", ").append(String.format("('%s', '%s', 'agent-s', 'team-a', '%s', '%s', 2, false, '%s')",
                    lead, TENANT, converts ? "closed-won" : "new", created, converts ? won : created));
        }
        DB.execute("INSERT INTO lead_event (id, tenant_id, lead_id, type, occurred_at, recorded_at, payload) VALUES " + events);
        DB.execute("INSERT INTO lead_state (lead_id, tenant_id, assigned_agent_id, team_id, status, created_at, lead_version, "
                + "deleted, updated_at) VALUES " + states);
        return ids;
    }
}

package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #11 item 10: two providers (one RETS, one RESO Web API simulator, each answering slowly) sync at the same time
 * on this instance (crm.sync.concurrency = 2 by default), while another replica still cannot take either provider.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class ConcurrentProvidersTest {
    static final TestDatabase DB = new TestDatabase("property-sync-service");
    static MlsSimulator rets;
    static MlsSimulator reso;

    @Inject
    SyncCoordinator coordinator;

    @BeforeAll
    static void simulators() {
        rets = MlsSimulator.start(options(40));
        reso = MlsSimulator.start(options(40));
        // slow answers keep both runs in their records phase long enough to be seen together
        rets.faults().latency(Duration.ofMillis(150));
        reso.faults().latency(Duration.ofMillis(150));
    }

    @AfterAll
    static void stop() {
        rets.close();
        reso.close();
    }

    static SimulatorOptions options(int listings) {
        return SimulatorOptions.builder().port(0).listings(listings).photosPerListing(1).seed(21L)
                .retsUser("rets-user").retsPassword("rets-pass").userAgent("KeystoneCRM/1.0")
                .oauthClientId("reso-client").oauthClientSecret("reso-secret").build();
    }

    /** Open runs of any provider here (another test class's would hold one of the two worker slots). */
    static final String OPEN_COUNT = "SELECT count(*) FROM sync_run WHERE state IN ('queued', 'running')";
    static final String OPEN_RUNS = "SELECT coalesce(string_agg(provider_id || ' ' || state || ' since ' "
            + "|| coalesce(started_at, created_at), '; '), 'none') FROM sync_run WHERE state IN ('queued', 'running')";

    @Test
    void twoProvidersSyncAtOnceAndNoOtherReplicaTakesEither() {
        // this instance has two sync slots: a run another test class left open would make these two take turns
        awaitOrShowOpenRuns(Duration.ofSeconds(120), () -> DB.count(OPEN_COUNT) == 0);
        String token = TestTokens.token("concurrent", "admin-c", null, "admin");
        String a = create(token, """
                {"name":"Slow RETS","protocol":"rets","url":"%s","credentialsRef":"sim-rets","searchClasses":"RES,LND",
                 "format":"COMPACT","pageSize":4,"requestsPerSecond":500,"cron":"0 0 0 1 1 ?"}""".formatted(rets.retsLoginUrl()));
        String b = create(token, """
                {"name":"Slow RESO","protocol":"reso-web-api","url":"%s","tokenUrl":"%s","credentialsRef":"sim-reso",
                 "pageSize":4,"requestsPerSecond":500,"cron":"0 0 0 1 1 ?"}""".formatted(reso.resoServiceRoot(), reso.oauthTokenUrl()));
        String runA = run(token, a);
        String runB = run(token, b);

        // both records phases at the same moment: two leases held, two runs running
        awaitOrShowOpenRuns(Duration.ofSeconds(60), () -> DB.count(
                "SELECT count(*) FROM sync_run WHERE id IN (cast(? as uuid), cast(? as uuid)) AND state = 'running'",
                runA, runB) == 2);
        assertThat(DB.count("SELECT count(DISTINCT id) FROM mls_provider WHERE id IN (cast(? as uuid), cast(? as uuid)) "
                + "AND lease_owner IS NOT NULL AND lease_expires_at > now()", a, b)).isEqualTo(2);
        // another replica polling now gets neither provider (the leases are held)
        for (String id : new String[]{a, b}) {
            ClaimedRun stolen = LeasedWorker.await(() -> Panache.withTransaction(
                    () -> coordinator.claim(UUID.fromString(id), "another-replica")));
            assertThat(stolen).as("provider %s claimed by a second replica", id).isNull();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> DB.count(
                "SELECT count(*) FROM sync_run WHERE id IN (cast(? as uuid), cast(? as uuid)) AND state = 'succeeded'",
                runA, runB) == 2);
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id IN (cast(? as uuid), cast(? as uuid))", a, b))
                .isEqualTo(80);
    }

    /** Polls every 40 ms; on timeout the failure lists the runs open then (which provider held a slot). */
    static void awaitOrShowOpenRuns(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(40)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; open runs: " + DB.text(OPEN_RUNS), e);
        }
    }

    static String create(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
    }

    static String run(String token, String provider) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .when().post("/api/v1/mls/providers/" + provider + "/sync-runs").then().statusCode(202).extract().path("id");
    }
}

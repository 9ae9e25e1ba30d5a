package com.keystone.crm.property.e2e;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.S3ProxyServer;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.service.ListingNormaliser;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance, end to end over both protocols: the real RETS and RESO Web API clients against the MLS simulator,
 * through the service's API, worker, database, outbox, CDC relay and Kafka, with photos copied into s3proxy.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class SimulatorSyncTest {
    static final TestDatabase DB = new TestDatabase("property-sync-service");
    static MlsSimulator rets;
    static MlsSimulator reso;

    @BeforeAll
    static void simulators() {
        rets = MlsSimulator.start(options(40));
        reso = MlsSimulator.start(options(40));
    }

    @AfterAll
    static void stop() {
        rets.close();
        reso.close();
    }

    static SimulatorOptions options(int listings) {
        return SimulatorOptions.builder().port(0).listings(listings).photosPerListing(3).seed(7L)
                .retsUser("rets-user").retsPassword("rets-pass").userAgent("KeystoneCRM/1.0")
                .oauthClientId("reso-client").oauthClientSecret("reso-secret").build();
    }

    @Test
    void retsFeedSyncsEndToEnd() {
        scenario("e2e-rets", rets, false, """
                {"name":"Sim RETS","protocol":"rets","url":"%s","credentialsRef":"sim-rets","searchClasses":"RES,LND",
                 "format":"COMPACT","pageSize":15,"requestsPerSecond":200}""".formatted(rets.retsLoginUrl()));
    }

    @Test
    void resoWebApiFeedSyncsEndToEnd() {
        scenario("e2e-reso", reso, true, """
                {"name":"Sim RESO","protocol":"reso-web-api","url":"%s","tokenUrl":"%s","credentialsRef":"sim-reso",
                 "pageSize":15,"requestsPerSecond":200}""".formatted(reso.resoServiceRoot(), reso.oauthTokenUrl()));
    }

    /** mediaWithRecords: RESO serves Media with the records ($expand); RETS's are listed later by the photo queue. */
    private void scenario(String tenant, MlsSimulator sim, boolean mediaWithRecords, String providerJson) {
        String token = TestTokens.token(tenant, "admin-" + tenant, null, "admin");
        String provider = given().auth().oauth2(token).contentType(ContentType.JSON).body(providerJson)
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        Set<String> keys = new HashSet<>(sim.feed().keys());

        // 1. first full sync: every listing stored and published once, photos queued then copied
        String full = sync(token, provider, "full", "succeeded");
        mediaListed(provider);
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = cast(? as uuid) AND NOT removed", provider))
                .isEqualTo(keys.size());
        Map<String, Long> created = updatedCounts(tenant);
        assertThat(created.keySet()).containsAll(keys);
        assertThat(created.values()).allMatch(n -> n == 1);
        CapturedEvent one = KafkaEvents.awaitEvent("property.updated", e -> tenant.equals(e.value().path("tenantId").asText())
                && "created".equals(e.value().path("changeType").asText()));
        KafkaEvents.assertCloudEvent(one, "property.updated", "/property-sync-service");
        KafkaEvents.assertSchemaValid(one);
        if (mediaWithRecords) {
            assertThat(one.value().path("Media").size()).isEqualTo(3);
            assertThat(mediaEvents(tenant)).isZero();
        } else {
            // not known at the records phase: the next version brings them, once the photo queue listed them
            assertThat(one.value().has("Media")).isFalse();
            CapturedEvent media = KafkaEvents.awaitEvent("property.updated", e -> one.key().equals(e.key())
                    && e.value().path("version").asLong() == 2);
            KafkaEvents.assertSchemaValid(media);
            assertThat(media.value().path("changedFields").toString()).isEqualTo("[\"Media\"]");
            assertThat(media.value().path("Media").size()).isEqualTo(3);
            assertThat(mediaEvents(tenant)).isEqualTo(keys.size());
        }
        CapturedEvent done = KafkaEvents.awaitEvent("mls.sync-completed", e -> full.equals(e.value().path("syncRunId").asText()));
        KafkaEvents.assertSchemaValid(done);
        assertThat(done.value().path("outcome").asText()).isEqualTo("succeeded");
        assertThat(done.value().path("recordsChanged").asLong()).isEqualTo(keys.size());

        photosLandInS3(token, provider, sim, keys.size() * 3);

        // 2. incremental: changed prices published once each with the previous price; touches publish nothing
        List<String> repriced = sim.feed().changePrices(5);
        List<String> touched = sim.feed().touchWithoutChange(5).stream().filter(k -> !repriced.contains(k)).toList();
        sync(token, provider, "incremental", "succeeded");
        mediaListed(provider);
        Map<String, Long> afterChange = updatedCounts(tenant);
        for (String k : repriced) {
            assertThat(afterChange.get(k)).as("events of %s", k).isEqualTo(2);
            CapturedEvent e = KafkaEvents.awaitEvent("property.updated", ev -> k.equals(ev.key())
                    && ev.value().path("changedFields").toString().contains("ListPrice"));
            assertThat(e.value().path("Media").size()).as("the stored media go with a change").isEqualTo(3);
            assertThat(e.value().path("changeType").asText()).isEqualTo("updated");
            assertThat(e.value().path("changedFields").toString()).contains("ListPrice");
            assertThat(e.value().path("previousListPrice").isNumber()).isTrue();
        }
        for (String k : touched) {
            assertThat(afterChange.get(k)).as("a touch without change publishes nothing (%s)", k).isEqualTo(1);
        }

        // 3. removals are found by the key reconciliation
        List<String> removed = sim.feed().remove(3);
        sync(token, provider, "reconciliation", "succeeded");
        for (String k : removed) {
            CapturedEvent e = KafkaEvents.awaitEvent("property.removed", ev -> k.equals(ev.key()));
            KafkaEvents.assertSchemaValid(e);
            assertThat(e.value().path("reason").asText()).isEqualTo("missing-from-feed");
            given().auth().oauth2(TestTokens.token(tenant, "agent-1", null, "agent"))
                    .when().get("/api/v1/properties/" + k).then().statusCode(200).body("removed", org.hamcrest.Matchers.is(true));
        }
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = cast(? as uuid) AND removed", provider)).isEqualTo(3);

        // 4. faults survived: a burst of 503s, then sessions / tokens expiring mid-run; nothing lost or duplicated
        sim.faults().failNext(3, 503);
        List<String> underFault = sim.feed().changePrices(4);
        sync(token, provider, "incremental", "succeeded");
        sim.faults().clear();
        sim.faults().expireSessionsAfter(3);
        List<String> underExpiry = sim.feed().changeStatuses(4);
        sync(token, provider, "incremental", "succeeded");
        sim.faults().clear();
        mediaListed(provider);
        Map<String, Long> afterFaults = updatedCounts(tenant);
        for (String k : underFault) {
            assertThat(afterFaults.get(k)).isEqualTo(created.get(k) + (repriced.contains(k) ? 2 : 1)
                    + (underExpiry.contains(k) ? 1 : 0));
        }
        for (String k : underExpiry) {
            assertThat(afterFaults.get(k)).isGreaterThanOrEqualTo(2);
        }
        assertThat(DB.count("SELECT count(*) - count(DISTINCT (aggregateid, payload->>'version')) FROM outbox_event "
                + "WHERE type = 'property.updated' AND tenant_id = ?", tenant)).as("no version published twice").isZero();
        for (String k : sim.feed().keys()) {
            assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = cast(? as uuid) AND listing_key = ? "
                    + "AND (listing->>'ListPrice')::numeric = ?", provider, k,
                    new java.math.BigDecimal(sim.feed().listing(k).get("ListPrice").toString()))).as("price of %s", k).isEqualTo(1);
        }
        scheduledRunHappens(token, provider);
    }

    /** The provider's cron came due: the worker starts a scheduled run by itself and sets the next one. */
    private static void scheduledRunHappens(String token, String provider) {
        DB.execute("UPDATE mls_provider SET next_run_at = now() - interval '1 second' WHERE id = cast(? as uuid)", provider);
        await().atMost(Duration.ofSeconds(60)).until(() -> DB.count("SELECT count(*) FROM sync_run WHERE provider_id = "
                + "cast(? as uuid) AND trigger = 'schedule' AND mode = 'incremental' AND state = 'succeeded'", provider) == 1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = cast(? as uuid) AND next_run_at > now() "
                + "AND lease_owner IS NULL", provider)).isEqualTo(1);
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs?providerId=" + provider + "&limit=2")
                .then().statusCode(200).body("items[0].trigger", org.hamcrest.Matchers.equalTo("schedule"))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    private void photosLandInS3(String token, String provider, MlsSimulator sim, int mediaCount) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(DB.count(
                "SELECT count(*) FROM media WHERE provider_id = cast(? as uuid) AND content_sha256 IS NOT NULL "
                        + "AND copied_modification_timestamp = media_modification_timestamp", provider)).isEqualTo(mediaCount));
        assertThat(DB.count("SELECT count(*) FROM photo_task WHERE provider_id = cast(? as uuid)", provider)).isZero();
        long distinct = DB.count("SELECT count(DISTINCT content_sha256) FROM media WHERE provider_id = cast(? as uuid)", provider);
        assertThat(distinct).as("identical placeholder photos are stored once").isLessThan(mediaCount);

        String key = sim.feed().keys().iterator().next();
        Response detail = given().auth().oauth2(TestTokens.token(tenantOf(token), "agent-2", null, "agent"))
                .when().get("/api/v1/properties/" + key);
        detail.then().statusCode(200).header("ETag", org.hamcrest.Matchers.notNullValue());
        List<Map<String, Object>> media = detail.jsonPath().getList("media");
        assertThat(media).hasSize(3).allMatch(m -> Boolean.TRUE.equals(m.get("copied")));
        try (S3Client s3 = s3()) {
            for (Map<String, Object> m : media) {
                String url = (String) m.get("url");
                String objectKey = url.substring(url.indexOf("/media/sha256/") + 1);
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket(PropertySyncTestResource.BUCKET).key(objectKey)).asByteArray();
                String providerUrl = (String) m.get("providerUrl");
                String simMediaKey = providerUrl.substring(providerUrl.lastIndexOf('/') + 1).replace(".jpg", "");
                byte[] original = sim.feed().photo(simMediaKey).orElseThrow();
                String sha = HexFormat.of().formatHex(ListingNormaliser.sha256().digest(stored));
                assertThat(sha).isEqualTo(HexFormat.of().formatHex(ListingNormaliser.sha256().digest(original)));
                assertThat(objectKey).isEqualTo("media/sha256/" + sha);
            }
        }
    }

    private static String tenantOf(String token) {
        return token.equals(TestTokens.token("e2e-rets", "admin-e2e-rets", null, "admin")) ? "e2e-rets" : "e2e-reso";
    }

    static S3Client s3() {
        S3ProxyServer server = CrmTestEnvironment.get().s3();
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(server.endpoint()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))).build();
    }

    /** Requests a run through the API and waits for it to end in the expected state; answers its id. */
    static String sync(String token, String provider, String mode, String expectedState) {
        String run = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"mode\":\"" + mode + "\"}")
                .when().post("/api/v1/mls/providers/" + provider + "/sync-runs")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String state = given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run)
                    .then().statusCode(200).extract().path("state");
            return !"queued".equals(state) && !"running".equals(state);
        });
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then()
                .body("state", org.hamcrest.Matchers.equalTo(expectedState));
        return run;
    }

    /**
     * property.updated events of the tenant on Kafka for changes of the records, counted by ListingKey (waits for the
     * relay to catch up); the events that only bring media listed later are left out (see {@link #mediaEvents}).
     */
    static Map<String, Long> updatedCounts(String tenant) {
        long inOutbox = DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND tenant_id = ?", tenant);
        List<CapturedEvent> all = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                KafkaEvents.readAll("property.updated").stream()
                        .filter(e -> tenant.equals(e.value().path("tenantId").asText())).toList(),
                events -> events.size() == inOutbox);
        return all.stream().filter(e -> !"[\"Media\"]".equals(e.value().path("changedFields").toString()))
                .collect(Collectors.groupingBy(CapturedEvent::key, Collectors.counting()));
    }

    /** The tenant's property.updated events that bring media listed after the records phase. */
    static long mediaEvents(String tenant) {
        return DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND tenant_id = ? "
                + "AND payload->'changedFields' = '[\"Media\"]'::jsonb", tenant);
    }

    /** Waits for the photo queue to have listed the media the records lacked. */
    static void mediaListed(String provider) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = cast(? as uuid)", provider) == 0);
    }
}

package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.SimProviders;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.RetsClient;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.repository.MediaListTask;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.repository.SyncRunRepository;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.keystone.crm.property.service.EngineHarness.DB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #11 item 11: media the records do not carry (RETS) are listed by the photo queue, not in the records phase;
 * the listing's event with its Media follows as a version of its own; the work is fenced by its lease.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class MediaListingTest {
    static final String TENANT = "media-list-realty";
    static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    final SyncEngine engine;
    final SyncCoordinator coordinator;
    final SyncRunRepository runs;
    final MediaLister lister;

    MediaListingTest(SyncEngine engine, SyncCoordinator coordinator, SyncRunRepository runs, MediaLister lister) {
        this.engine = engine;
        this.coordinator = coordinator;
        this.runs = runs;
        this.lister = lister;
    }

    private ClaimedRun claim(UUID provider, String mode) {
        return EngineHarness.claim(coordinator, runs, provider, TENANT, mode, "test-owner");
    }

    @Test
    void aRetsRecordsPhaseListsNoMediaAndThePhotoQueueListsThemInOneRequestThenPublishesThem() {
        try (MlsSimulator sim = MlsSimulator.start(SimProviders.options(30).build())) {
            ProviderSettings settings = SimProviders.rets(sim, 50, 1000);
            String token = TestTokens.token(TENANT, "admin-" + TENANT, null, "admin");
            // disabled while the engine runs here: neither the sync worker nor the photo queue touches it yet
            UUID provider = UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"name":"rets-%s","protocol":"rets","url":"%s","credentialsRef":"sim-rets","searchClasses":"RES,LND",
                     "format":"COMPACT","enabled":false,"cron":"0 0 0 1 1 ?"}""".formatted(UUID.randomUUID(), sim.retsLoginUrl()))
                    .when().post("/api/v1/mls/providers").then().statusCode(201).extract().<String>path("id"));
            try (RetsClient client = new RetsClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM)) {
                engine.execute(claim(provider, "full"), client, "test-owner");
            }
            assertThat(sim.stats().count("rets/getobject")).as("GetObject requests of the records phase").isZero();
            assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ?", provider)).isEqualTo(30);
            assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ?", provider)).isZero();
            assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider)).isEqualTo(30);
            assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE payload->>'providerId' = ? "
                    + "AND type = 'property.updated' AND payload->>'changeType' = 'created' AND payload->'Media' IS NULL",
                    provider.toString())).as("created, Media not known yet").isEqualTo(30);

            // the photo queue (the real worker, its claim and the provider's own client) lists all 30 in one request
            DB.execute("UPDATE mls_provider SET enabled = true, next_run_at = now() + interval '1 day' WHERE id = ?", provider);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider) == 0);
            assertThat(sim.stats().count("rets/getobject")).isEqualTo(1);
            assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ?", provider)).isEqualTo(90);
            assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ? AND version = 2", provider)).isEqualTo(30);
            assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE payload->>'providerId' = ? "
                    + "AND type = 'property.updated' AND payload->>'changeType' = 'updated' "
                    + "AND payload->'changedFields' = '[\"Media\"]'::jsonb AND (payload->>'version')::int = 2 "
                    + "AND jsonb_array_length(payload->'Media') = 3 AND payload->>'ListPrice' = payload->>'previousListPrice'",
                    provider.toString())).as("the event with the media follows").isEqualTo(30);

            // a price change does not re-list; new photos are listed by the queue again, not by the records phase
            DB.execute("UPDATE mls_provider SET enabled = false WHERE id = ?", provider);
            List<String> rephotographed = sim.feed().changePhotos(2);
            List<String> repriced = sim.feed().changePrices(3).stream().filter(k -> !rephotographed.contains(k)).toList();
            assertThat(repriced).isNotEmpty();
            try (RetsClient client = new RetsClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM)) {
                engine.execute(claim(provider, "incremental"), client, "test-owner");
            }
            assertThat(sim.stats().count("rets/getobject")).isEqualTo(1);
            for (String k : repriced) {
                assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                        + "AND payload->>'providerId' = ? AND payload->'changedFields' @> '[\"ListPrice\"]'::jsonb "
                        + "AND (payload->>'version')::int = 3 AND jsonb_array_length(payload->'Media') = 3", k, provider.toString()))
                        .as("stored media go with %s", k).isEqualTo(1);
                assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE listing_key = ? AND provider_id = ?", k, provider)).isZero();
            }
            assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider)).isEqualTo(rephotographed.size());
            assertThat(DB.count("SELECT count(*) - count(DISTINCT (aggregateid, payload->>'version')) FROM outbox_event "
                    + "WHERE type = 'property.updated' AND payload->>'providerId' = ?", provider.toString()))
                    .as("no version published twice").isZero();
        }
    }

    @Test
    void aClaimWhoseLeaseRanOutOrWhoseListingGotNewerPhotosWritesNothing() {
        UUID provider = EngineHarness.provider(TENANT, "fence-" + UUID.randomUUID());
        String p = "F" + UUID.randomUUID().toString().substring(0, 8) + "-";
        InMemoryFeed feed = new InMemoryFeed().mediaApart();
        for (int i = 0; i < 3; i++) {
            feed.put(p + i, T0.plusSeconds(i), new BigDecimal("500000"), "Active", 2);
        }
        engine.execute(claim(provider, "full"), feed, "test-owner");
        assertThat(feed.mediaRequests).as("no media request in the records phase").isEmpty();

        // the first claimant dies (its lease runs out) and another takes the tasks over: the first writes nothing
        List<MediaListTask> dead = claimTasks(provider, "slot-dead");
        assertThat(dead).hasSize(3);
        DB.execute("UPDATE media_list_task SET lease_expires_at = now() - interval '1 second' WHERE provider_id = ?", provider);
        List<MediaListTask> alive = claimTasks(provider, "slot-alive");
        assertThat(alive).hasSize(3);
        lister.list(dead, () -> feed, "slot-dead");
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ?", provider)).isZero();
        assertThat(mediaEvents(p + "%")).isZero();
        lister.list(alive, () -> feed, "slot-alive");
        assertThat(feed.mediaRequests).hasSize(2).allMatch(keys -> keys.size() == 3);
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ?", provider)).isEqualTo(6);
        assertThat(mediaEvents(p + "%")).isEqualTo(3);
        assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider)).isZero();

        // a price change leaves the media alone
        feed.reprice(p + 1, T0.plusSeconds(30), new BigDecimal("480000"));
        engine.execute(claim(provider, "incremental"), feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider)).isZero();
        assertThat(feed.mediaRequests).hasSize(2);

        // new photos while a claimant lists the previous ones: the task is re-queued, the stale claim writes nothing
        feed.rephotograph(p + 0, T0.plusSeconds(60), 2);
        engine.execute(claim(provider, "incremental"), feed, "test-owner");
        List<MediaListTask> stale = claimTasks(provider, "slot-stale");
        assertThat(stale).hasSize(1);
        feed.rephotograph(p + 0, T0.plusSeconds(90), 4);
        engine.execute(claim(provider, "incremental"), feed, "test-owner");
        lister.list(stale, () -> feed, "slot-stale");
        assertThat(mediaEvents(p + 0)).isEqualTo(1);
        List<MediaListTask> fresh = claimTasks(provider, "slot-fresh");
        assertThat(fresh).singleElement().satisfies(t -> assertThat(t.photosChangeTimestamp()).isEqualTo(T0.plusSeconds(90)));
        lister.list(fresh, () -> feed, "slot-fresh");
        assertThat(mediaEvents(p + 0)).isEqualTo(2);
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ? AND listing_key = ? AND media_key LIKE ?",
                provider, p + 0, "%-" + T0.plusSeconds(90).getEpochSecond())).isEqualTo(4);
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ? AND listing_key = ?", provider, p + 0)).isEqualTo(4);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND payload->'changedFields' = '[\"Media\"]'::jsonb AND jsonb_array_length(payload->'Media') = 4 "
                + "AND (payload->>'version')::bigint = (SELECT version FROM property WHERE provider_id = ? AND listing_key = ?)",
                p + 0, provider, p + 0)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) - count(DISTINCT (aggregateid, payload->>'version')) FROM outbox_event "
                + "WHERE type = 'property.updated' AND aggregateid LIKE ?", p + "%")).as("no version published twice").isZero();
    }

    @Test
    void aFailedMediaListBacksOffAndIsGivenUpAfterTheLastAttempt() {
        UUID provider = EngineHarness.provider(TENANT, "failing-" + UUID.randomUUID());
        String p = "X" + UUID.randomUUID().toString().substring(0, 8) + "-";
        InMemoryFeed feed = new InMemoryFeed() {
            @Override
            public Map<String, List<MlsMedia>> media(Collection<String> listingKeys) {
                throw new MlsException(MlsException.Kind.UNAVAILABLE, 503, null, "GetObject is down", null);
            }
        }.mediaApart();
        feed.put(p + "a", T0, BigDecimal.TEN, "Active", 1);
        engine.execute(claim(provider, "full"), feed, "test-owner");

        lister.list(claimTasks(provider, "slot-1"), () -> feed, "slot-1");
        assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ? AND attempts = 1 "
                + "AND not_before > now() AND lease_owner IS NULL AND last_error LIKE '503: GetObject is down'", provider)).isEqualTo(1);

        DB.execute("UPDATE media_list_task SET attempts = 4, not_before = now() WHERE provider_id = ?", provider);
        lister.list(claimTasks(provider, "slot-2"), () -> feed, "slot-2");
        assertThat(DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = ?", provider)).isZero();
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE provider_id = ? AND phase = 'photos' AND code = '503' "
                + "AND listing_key = ? AND server_message LIKE 'media not listed: GetObject is down'", provider, p + "a")).isEqualTo(1);
    }

    /**
     * Claims the provider's tasks as a photo-queue slot would (the queue's own claim takes enabled providers only, and
     * these are disabled so that the background worker leaves them to the test).
     */
    private static List<MediaListTask> claimTasks(UUID provider, String owner) {
        return LeasedWorker.await(() -> Panache.withTransaction(() -> NativeSql.rows(
                "UPDATE media_list_task SET lease_owner = ?2, lease_expires_at = now() + interval '2 minutes' "
                        + "WHERE provider_id = ?1 AND (lease_owner IS NULL OR lease_expires_at < now()) AND not_before <= now() "
                        + "RETURNING cast(id as text), tenant_id, listing_key, to_json(photos_change_timestamp)#>>'{}', "
                        + "cast(attempts as text)", provider, owner)))
                .stream().map(r -> new MediaListTask(Long.parseLong(NativeSql.text(r, 0)), provider, NativeSql.text(r, 1),
                        NativeSql.text(r, 2), NativeSql.instant(r, 3), Integer.parseInt(NativeSql.text(r, 4)))).toList();
    }

    private static long mediaEvents(String keyPattern) {
        return DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid LIKE ? "
                + "AND payload->'changedFields' = '[\"Media\"]'::jsonb", keyPattern);
    }
}

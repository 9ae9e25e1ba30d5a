package com.keystone.crm.property.service;

import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static com.keystone.crm.property.service.EngineHarness.DB;
import static com.keystone.crm.property.service.EngineHarness.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's logic against the real database, fed by an in-memory provider double. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class SyncEngineTest {
    static final String TENANT = "engine-realty";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    final SyncEngine engine;
    final SyncCoordinator coordinator;
    final SyncRunRepository runs;

    SyncEngineTest(SyncEngine engine, SyncCoordinator coordinator, SyncRunRepository runs) {
        this.engine = engine;
        this.coordinator = coordinator;
        this.runs = runs;
    }

    private static String prefix() {
        return "K" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private ClaimedRun claim(UUID provider, String mode) {
        return EngineHarness.claim(coordinator, runs, provider, TENANT, mode, "test-owner");
    }

    @Test
    void fullSyncPublishesEachListingOnceAndAnUnchangedTouchPublishesNothing() {
        UUID provider = EngineHarness.provider(TENANT, "full-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        for (int i = 0; i < 5; i++) {
            feed.put(p + i, T0.plusSeconds(i), new BigDecimal("400000.00"), "Active", 2);
        }
        ClaimedRun full = claim(provider, "full");
        assertThat(full.trigger()).isEqualTo("on-demand");
        engine.execute(full, feed, "test-owner");

        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ?", provider)).isEqualTo(5);
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ?", provider)).isEqualTo(10);
        for (int i = 0; i < 5; i++) {
            assertThat(events("property.updated", p + i)).isEqualTo(1);
        }
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND payload->>'changeType' = 'created' AND jsonb_array_length(payload->'Media') = 2 "
                + "AND payload->'Media'->0->>'MediaURL' LIKE 'http://mls.test/media/%'", p + 0)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'succeeded' AND records_fetched = 5 "
                + "AND records_changed = 5 AND photos_queued = 10", full.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = ? AND watermark = ? AND lease_owner IS NULL "
                + "AND last_reconciled_at IS NOT NULL", provider, java.sql.Timestamp.from(T0.plusSeconds(4)))).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'mls.sync-completed' AND aggregateid = ? "
                + "AND payload->>'outcome' = 'succeeded' AND payload->>'mode' = 'full'", provider.toString())).isEqualTo(1);

        // touched without change: fetched again (inclusive watermark), nothing published
        feed.touch(p + 1, T0.plusSeconds(60));
        feed.touch(p + 2, T0.plusSeconds(61));
        ClaimedRun incremental = claim(provider, "incremental");
        engine.execute(incremental, feed, "test-owner");
        assertThat(feed.sinceAsked.get(feed.sinceAsked.size() - 1)).isEqualTo(T0.plusSeconds(4));
        assertThat(events("property.updated", p + 1)).isEqualTo(1);
        assertThat(events("property.updated", p + 2)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND records_changed = 0 AND records_unchanged = 3",
                incremental.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ? AND listing_key = ? "
                + "AND modification_timestamp = ? AND listing->>'ModificationTimestamp' = ?", provider, p + 2,
                java.sql.Timestamp.from(T0.plusSeconds(61)), T0.plusSeconds(61).toString())).isEqualTo(1);

        // a real change: one event with what changed and the previous price; photos not re-listed
        feed.mediaAsked.clear();
        feed.reprice(p + 3, T0.plusSeconds(120), new BigDecimal("385000"));
        engine.execute(claim(provider, "incremental"), feed, "test-owner");
        assertThat(events("property.updated", p + 3)).isEqualTo(2);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND payload->>'changeType' = 'updated' AND payload->'changedFields' = '[\"ListPrice\"]'::jsonb "
                + "AND (payload->>'previousListPrice')::numeric = 400000 AND (payload->>'version')::int = 2 "
                + "AND payload->>'previousStandardStatus' = 'Active'", p + 3)).isEqualTo(1);
        assertThat(feed.mediaAsked).isEmpty();
    }

    @Test
    void relistedMediaReplaceTheStoredOnesKeepTheirCopiesAndQueueOnlyTheCopiesNeeded() {
        // the provider is disabled: no photo worker takes its tasks, so the queue shows exactly what the runs wrote
        UUID provider = EngineHarness.provider(TENANT, "media-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        feed.put(p + 0, T0, new BigDecimal("500000"), "Active", 3);
        feed.put(p + 1, T0.plusSeconds(1), new BigDecimal("600000"), "Active", 2);
        feed.put(p + 2, T0.plusSeconds(2), new BigDecimal("700000"), "Pending", 2);
        engine.execute(claim(provider, "full"), feed, "test-owner");
        assertKeys(provider, "photo_task", p, p + "0-1", p + "0-2", p + "0-3", p + "1-1", p + "1-2", p + "2-1", p + "2-2");

        // the copies of 1-1 and 2-1 landed
        String sha = "ab".repeat(32);
        DB.execute("INSERT INTO media_blob (content_sha256, s3_key, size_bytes) VALUES (?, ?, 1) ON CONFLICT DO NOTHING",
                sha, "media/sha256/" + sha);
        DB.execute("UPDATE media SET content_sha256 = ?, copied_modification_timestamp = media_modification_timestamp "
                + "WHERE provider_id = ? AND media_key IN (?, ?)", sha, provider, p + "1-1", p + "2-1");
        DB.execute("DELETE FROM photo_task WHERE provider_id = ? AND media_key IN (?, ?)", provider, p + "1-1", p + "2-1");

        feed.rephotograph(p + 0, T0.plusSeconds(60), 2);  // new photos: the old ones and their tasks go
        feed.reorderPhotos(p + 1, T0.plusSeconds(61));    // relisted, same photos: the landed copy stays, no copy queued
        feed.reprice(p + 2, T0.plusSeconds(62), new BigDecimal("690000")); // not relisted: its stored media published
        feed.put(p + 3, T0.plusSeconds(63), new BigDecimal("800000"), "Active", 1); // new
        ClaimedRun run = claim(provider, "incremental");
        engine.execute(run, feed, "test-owner");

        String s60 = "-" + T0.plusSeconds(60).getEpochSecond();
        assertKeys(provider, "media", p + 0, p + "0-1" + s60, p + "0-2" + s60);
        assertKeys(provider, "media", p + 1, p + "1-1", p + "1-2");
        assertKeys(provider, "photo_task", p, p + "0-1" + s60, p + "0-2" + s60, p + "1-2", p + "2-2", p + "3-1");
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND photos_queued = 3", run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM media WHERE provider_id = ? AND media_key = ? AND media_order = 2 "
                + "AND content_sha256 = ?", provider, p + "1-1", sha)).isEqualTo(1);

        String ours = "%/media/sha256/" + sha;
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND (payload->>'version')::int = 2 AND jsonb_array_length(payload->'Media') = 2 "
                + "AND payload->'Media'->0->>'MediaKey' = ? AND payload->'Media'->1->>'MediaKey' = ? "
                + "AND payload->'Media'->0->>'MediaURL' LIKE 'http://mls.test/media/%'", p + 0, p + "0-1" + s60, p + "0-2" + s60))
                .isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND (payload->>'version')::int = 2 AND jsonb_array_length(payload->'Media') = 2 "
                + "AND payload->'Media'->0->>'MediaKey' = ? AND payload->'Media'->0->>'MediaURL' LIKE 'http://mls.test/media/%' "
                + "AND payload->'Media'->1->>'MediaKey' = ? AND payload->'Media'->1->>'MediaURL' LIKE ?",
                p + 1, p + "1-2", p + "1-1", ours)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND (payload->>'version')::int = 2 AND jsonb_array_length(payload->'Media') = 2 "
                + "AND payload->'Media'->0->>'MediaKey' = ? AND payload->'Media'->0->>'MediaURL' LIKE ?",
                p + 2, p + "2-1", ours)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid = ? "
                + "AND (payload->>'version')::int = 1 AND jsonb_array_length(payload->'Media') = 1", p + 3)).isEqualTo(1);
    }

    /** Asserts the media keys of a table's rows whose listing key starts with prefix (in byte order). */
    private static void assertKeys(UUID provider, String table, String prefix, String... expected) {
        assertThat(DB.count("SELECT count(*) FROM (SELECT string_agg(media_key, ',' ORDER BY media_key COLLATE \"C\") k FROM "
                + table + " WHERE provider_id = ? AND listing_key LIKE ?) x WHERE k = ?", provider, prefix + "%",
                String.join(",", expected))).as("%s of %s*: %s", table, prefix, String.join(",", expected)).isEqualTo(1);
    }

    @Test
    void listingsOnTheWatermarkAreNotLostAndRepeatsAreDeduplicated() {
        UUID provider = EngineHarness.provider(TENANT, "boundary-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        feed.put(p + "a", T0, BigDecimal.TEN, "Active", 0);
        feed.put(p + "b", T0.plusSeconds(5), BigDecimal.TEN, "Active", 0);
        feed.duplicateFirst(true);
        engine.execute(claim(provider, "full"), feed, "test-owner");
        assertThat(events("property.updated", p + "a")).isEqualTo(1);

        // a listing modified in the same second as the watermark, seen only by the next run
        feed.duplicateFirst(false);
        feed.put(p + "c", T0.plusSeconds(5), BigDecimal.ONE, "Pending", 1);
        ClaimedRun next = claim(provider, "incremental");
        assertThat(next.sinceWatermark()).isEqualTo(T0.plusSeconds(5));
        engine.execute(next, feed, "test-owner");
        assertThat(events("property.updated", p + "c")).isEqualTo(1);
        assertThat(events("property.updated", p + "b")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM photo_task WHERE provider_id = ? AND priority = 1", provider)
                + DB.count("SELECT count(*) FROM sync_error WHERE provider_id = ? AND phase = 'photos'", provider)
                + DB.count("SELECT count(*) FROM media WHERE provider_id = ? AND content_sha256 IS NOT NULL", provider))
                .as("the pending listing's photo is queued (or already handled by the photo worker)").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCrashedRunResumesFromItsCheckpointWithNothingDuplicatedOrLost() {
        UUID provider = EngineHarness.provider(TENANT, "crash-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        for (int i = 0; i < 450; i++) {
            feed.put(p + String.format("%04d", i), T0.plusSeconds(i), new BigDecimal(100000 + i), "Active", 0);
        }
        feed.crashAfter(300);
        ClaimedRun first = EngineHarness.claim(coordinator, runs, provider, TENANT, "full", "worker-that-dies");
        assertThatThrownBy(() -> engine.execute(first, feed, "worker-that-dies")).isInstanceOf(InMemoryFeed.SimulatedCrash.class);

        // batches of 200: one committed with its checkpoint; the run is still running under the dead worker's lease
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ?", provider)).isEqualTo(200);
        assertThat(DB.count("SELECT count(*) FROM sync_checkpoint WHERE run_id = ? AND batches = 1 AND resume_from = ?",
                first.runId(), java.sql.Timestamp.from(T0.plusSeconds(199)))).isEqualTo(1);
        assertThat(EngineHarness.claim(coordinator, runs, provider, TENANT, "full", "test-owner"))
                .as("another worker cannot take a provider whose lease is live").isNull();

        DB.execute("UPDATE mls_provider SET lease_expires_at = now() - interval '1 second' WHERE id = ?", provider);
        ClaimedRun resumed = claim(provider, "full");
        assertThat(resumed.runId()).isEqualTo(first.runId());
        assertThat(resumed.trigger()).isEqualTo("resume");
        assertThat(resumed.attempts()).isEqualTo(2);
        // the presumed-dead worker wakes up: its lease is gone, so it writes nothing
        engine.execute(first, new InMemoryFeed().put(p + "zombie", T0, BigDecimal.ONE, "Active", 0), "worker-that-dies");
        assertThat(DB.count("SELECT count(*) FROM property WHERE listing_key = ?", p + "zombie")).isZero();
        engine.execute(resumed, feed, "test-owner");

        assertThat(feed.sinceAsked.get(feed.sinceAsked.size() - 1)).isEqualTo(T0.plusSeconds(199));
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ?", provider)).isEqualTo(450);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.updated' AND aggregateid LIKE ?",
                p + "%")).isEqualTo(450);
        assertThat(DB.count("SELECT count(DISTINCT aggregateid) FROM outbox_event WHERE type = 'property.updated' "
                + "AND aggregateid LIKE ?", p + "%")).isEqualTo(450);
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'succeeded' AND trigger = 'resume' "
                + "AND records_changed = 450", first.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'mls.sync-completed' "
                + "AND payload->>'syncRunId' = ? AND payload->>'trigger' = 'resume'", first.runId().toString())).isEqualTo(1);
    }

    @Test
    void reconciliationRemovesListingsMissingFromTheFeedButNotOnAnEmptyKeyList() {
        UUID provider = EngineHarness.provider(TENANT, "recon-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        for (int i = 0; i < 4; i++) {
            feed.put(p + i, T0.plusSeconds(i), new BigDecimal("250000"), "Active", 1);
        }
        engine.execute(claim(provider, "full"), feed, "test-owner");

        feed.emptyKeys(true);
        ClaimedRun guarded = claim(provider, "reconciliation");
        engine.execute(guarded, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ? AND removed", provider)).isZero();
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'succeeded-with-errors'",
                guarded.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE run_id = ? AND code = 'empty-key-list'",
                guarded.runId())).isEqualTo(1);

        feed.emptyKeys(false);
        feed.remove(p + 1);
        feed.remove(p + 3);
        ClaimedRun recon = claim(provider, "reconciliation");
        engine.execute(recon, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM property WHERE provider_id = ? AND removed", provider)).isEqualTo(2);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'property.removed' AND aggregateid = ? "
                + "AND payload->>'reason' = 'missing-from-feed' AND (payload->>'version')::int = 2 "
                + "AND payload->>'lastStandardStatus' = 'Active'", p + 1)).isEqualTo(1);
        assertThat(events("property.removed", p + 3)).isEqualTo(1);
        assertThat(events("property.removed", p + 0)).isZero();
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND records_removed = 2", recon.runId())).isEqualTo(1);

        // again: nothing more to remove, nothing published twice
        engine.execute(claim(provider, "reconciliation"), feed, "test-owner");
        assertThat(events("property.removed", p + 1)).isEqualTo(1);
    }

    @Test
    void aProviderFailureFailsTheRunWithTheServerMessageAndReleasesTheProvider() {
        UUID provider = EngineHarness.provider(TENANT, "fail-" + UUID.randomUUID());
        InMemoryFeed feed = new InMemoryFeed() {
            @Override
            public void listingsModifiedSince(Instant since, com.keystone.crm.property.client.ListingSink sink) {
                throw new com.keystone.crm.property.client.MlsException(
                        com.keystone.crm.property.client.MlsException.Kind.REJECTED, 200, 20208,
                        "Maximum Records Exceeded", null);
            }
        };
        ClaimedRun run = claim(provider, "full");
        engine.execute(run, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'failed' "
                + "AND failure_reason LIKE '20208%'", run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE run_id = ? AND code = '20208' "
                + "AND server_message = 'Maximum Records Exceeded'", run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = ? AND lease_owner IS NULL AND watermark IS NULL "
                + "AND next_run_at < now() + interval '6 minutes'", provider)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'mls.sync-completed' "
                + "AND payload->>'syncRunId' = ? AND payload->>'outcome' = 'failed'", run.runId().toString())).isEqualTo(1);
    }

    // issue #11 item 2
    @Test
    void refusedListingsHoldTheWatermarkAndAreRetriedByTheNextRun() {
        UUID provider = EngineHarness.provider(TENANT, "hold-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        feed.put(p + "a", T0, BigDecimal.TEN, "Active", 0);
        feed.put(p + "b", T0.plusSeconds(5), BigDecimal.TEN, "Active", 0);
        feed.put(p + "c", T0.plusSeconds(10), BigDecimal.TEN, "Active", 0);
        feed.problem(p + "b", "ListPrice (source L_PRICE, Decimal): cannot read '35O,000'");
        ClaimedRun first = claim(provider, "incremental");
        engine.execute(first, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE run_id = ? AND code = 'invalid-listing' AND listing_key = ? "
                + "AND server_message LIKE '%ListPrice%L_PRICE%'", first.runId(), p + "b")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = ? AND watermark = ?", provider,
                java.sql.Timestamp.from(T0.plusSeconds(5)))).as("the watermark stops at the refused listing").isEqualTo(1);

        feed.problem(p + "b", null); // the feed (or the field map) fixed
        ClaimedRun next = claim(provider, "incremental");
        engine.execute(next, feed, "test-owner");
        assertThat(feed.sinceAsked.get(feed.sinceAsked.size() - 1)).isEqualTo(T0.plusSeconds(5));
        assertThat(events("property.updated", p + "b")).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = ? AND watermark = ?", provider,
                java.sql.Timestamp.from(T0.plusSeconds(10)))).isEqualTo(1);
    }

    // issue #11 item 3
    @Test
    void aRunThatFetchedListingsAndStoredNoneFailsLoudly() {
        UUID provider = EngineHarness.provider(TENANT, "none-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed();
        feed.put(p + "a", T0, BigDecimal.TEN, "Active", 0).problem(p + "a", "ListPrice (source LP, Decimal): cannot read 'x'");
        feed.put(p + "b", T0.plusSeconds(1), BigDecimal.TEN, "Active", 0).problem(p + "b", "ListPrice (source LP, Decimal): cannot read 'y'");
        ClaimedRun run = claim(provider, "full");
        engine.execute(run, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'failed' AND failure_reason LIKE '%stored none%'",
                run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE run_id = ? AND code = 'nothing-stored'", run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM mls_provider WHERE id = ? AND watermark IS NULL AND last_reconciled_at IS NULL",
                provider)).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM outbox_event WHERE type = 'mls.sync-completed' AND payload->>'syncRunId' = ? "
                + "AND payload->>'outcome' = 'failed'", run.runId().toString())).isEqualTo(1);
    }

    // issue #11 item 7 (the engine's half: the client's repaired rows are recorded in the run)
    @Test
    void rowsRepairedByTheFallbackCharsetAreCountedInTheRun() {
        UUID provider = EngineHarness.provider(TENANT, "charset-" + UUID.randomUUID());
        String p = prefix();
        InMemoryFeed feed = new InMemoryFeed() {
            @Override
            public void listingsModifiedSince(Instant since, com.keystone.crm.property.client.ListingSink sink) {
                super.listingsModifiedSince(since, sink);
                repairedRows += 2;
            }
        };
        feed.put(p + "a", T0, BigDecimal.TEN, "Active", 0);
        ClaimedRun run = claim(provider, "incremental");
        engine.execute(run, feed, "test-owner");
        assertThat(DB.count("SELECT count(*) FROM sync_error WHERE run_id = ? AND code = 'repaired-encoding' "
                + "AND server_message LIKE '2 row(s)%windows-1252%'", run.runId())).isEqualTo(1);
        assertThat(DB.count("SELECT count(*) FROM sync_run WHERE id = ? AND state = 'succeeded-with-errors' AND records_changed = 1",
                run.runId())).isEqualTo(1);
    }
}

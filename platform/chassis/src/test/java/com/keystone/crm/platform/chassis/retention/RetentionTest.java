package com.keystone.crm.platform.chassis.retention;

import com.keystone.crm.platform.chassis.ChassisDatabase;
import com.keystone.crm.platform.chassis.ChassisTestResource;
import com.keystone.crm.platform.chassis.RelaySlot;
import com.keystone.crm.platform.chassis.outbox.OutboxRelayProgress;
import com.keystone.crm.platform.contracts.TopicCatalogue;
import com.keystone.crm.platform.contracts.TopicSpec;
import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purges on real PostgreSQL, with the relay's replication slot played by the test ({@link RelaySlot}).
 * This application purges at most 100 rows per table and run, 40 per batch (test application.properties).
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class RetentionTest {
    static final String OLD = "now() - interval '8 days'";

    @Inject
    Retention retention;

    @Inject
    OutboxRelayProgress relay;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void emptyTables() {
        RelaySlot.drop();
        for (String table : new String[] {"outbox_event", "outbox_relay_mark", "consumed_event", "idempotency_record"}) {
            ChassisDatabase.DB.execute("DELETE FROM " + table);
        }
    }

    @AfterEach
    void dropSlot() {
        RelaySlot.drop();
    }

    static void outboxRows(int n, String occurredAt, String label) {
        ChassisDatabase.DB.execute("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, occurred_at) "
                + "SELECT gen_random_uuid(), 'widget', ? || '-' || g, 'widget.tested', '{}'::jsonb, 'chassis-test', " + occurredAt
                + " FROM generate_series(1, ?) g", label, n);
    }

    static long outbox(String label) {
        return ChassisDatabase.count("SELECT count(*) FROM outbox_event WHERE aggregateid LIKE ? || '-%'", label);
    }

    double purgedCounter(String table) {
        return registry.get("crm.retention.purged.rows").tag("table", table).counter().count();
    }

    @Test
    void withoutTheRelaysSlotNoOutboxRowCountsAsRelayed() {
        outboxRows(5, OLD, "old");
        relay.mark();

        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 0L);
        assertThat(outbox("old")).isEqualTo(5);
    }

    @Test
    void oldRowsTheRelayPassedGoInBoundedRunsAndEverythingElseStays() throws Exception {
        RelaySlot.create();
        outboxRows(250, OLD, "relayed");
        outboxRows(3, "now()", "recent");
        String url = CrmTestEnvironment.get().postgres().jdbcUrl(ChassisTestResource.SERVICE);
        try (Connection open = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            // a transaction that wrote its row before the relay's position but commits after it: its row's insert
            // LSN is below the confirmed position, yet the relay has not streamed it
            open.setAutoCommit(false);
            try (PreparedStatement ps = open.prepareStatement("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, "
                    + "payload, source, occurred_at) VALUES (gen_random_uuid(), 'widget', 'late-1', 'widget.tested', '{}'::jsonb, "
                    + "'chassis-test', " + OLD + ")")) {
                ps.executeUpdate();
            }
            relay.mark();
            RelaySlot.confirmAll();
            open.commit();
        }
        outboxRows(4, OLD, "unrelayed"); // committed after the relay's position
        double before = purgedCounter(Retention.OUTBOX);

        Map<String, Long> first = retention.run();
        assertThat(first).containsEntry(Retention.OUTBOX, 100L);
        assertThat(outbox("relayed")).isEqualTo(150);
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 100L);
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 50L);
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 0L);

        assertThat(outbox("relayed")).isZero();
        assertThat(outbox("recent")).isEqualTo(3);
        assertThat(outbox("unrelayed")).isEqualTo(4);
        assertThat(outbox("late")).isEqualTo(1);
        assertThat(purgedCounter(Retention.OUTBOX) - before).isEqualTo(250.0);

        // once the relay confirms them, the old ones go too; the recent ones wait for their age
        RelaySlot.confirmAll();
        relay.mark();
        RelaySlot.confirmAll();
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 5L);
        assertThat(outbox("recent")).isEqualTo(3);
    }

    @Test
    void rowsFromBeforeTheTxidColumnGoOnceTheRelayPassesAMark() {
        RelaySlot.create();
        outboxRows(2, OLD, "legacy");
        ChassisDatabase.DB.execute("UPDATE outbox_event SET txid = NULL");
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 0L); // no mark confirmed yet
        relay.mark();
        RelaySlot.confirmAll();
        assertThat(retention.run()).containsEntry(Retention.OUTBOX, 2L);
    }

    @Test
    void inboxRowsGoAfterTheLongestRetentionOfTheConsumedTopicsPlusAMargin() {
        // chassis-test is no consumer in the catalogue: the longest event topic's retention, plus a day
        Duration longest = TopicCatalogue.load().eventTopics().stream().map(TopicSpec::retention).max(Duration::compareTo).orElseThrow();
        Duration age = retention.consumedEventAge().orElseThrow();
        assertThat(age).isEqualTo(longest.plusDays(1));
        long ageSeconds = age.toSeconds();
        ChassisDatabase.DB.execute("INSERT INTO consumed_event (event_id, handler, event_type, consumed_at) "
                + "SELECT gen_random_uuid(), 'old', 'lead.scored', now() - make_interval(secs => ?) FROM generate_series(1, 130)",
                (double) ageSeconds + 3600);
        ChassisDatabase.DB.execute("INSERT INTO consumed_event (event_id, handler, event_type, consumed_at) "
                + "SELECT gen_random_uuid(), 'kept', 'lead.scored', now() - make_interval(secs => ?) FROM generate_series(1, 7)",
                (double) ageSeconds - 3600);
        double before = purgedCounter(Retention.INBOX);

        assertThat(retention.run()).containsEntry(Retention.INBOX, 100L);
        assertThat(retention.run()).containsEntry(Retention.INBOX, 30L);

        assertThat(ChassisDatabase.count("SELECT count(*) FROM consumed_event WHERE handler = 'old'")).isZero();
        assertThat(ChassisDatabase.count("SELECT count(*) FROM consumed_event WHERE handler = 'kept'")).isEqualTo(7);
        assertThat(purgedCounter(Retention.INBOX) - before).isEqualTo(130.0);
    }

    @Test
    void consumedEventAgeFollowsTheTopicsAServiceConsumes() {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Duration leadLongest = catalogue.consumedBy("lead-service").stream().map(TopicSpec::retention)
                .max(Duration::compareTo).orElseThrow();
        assertThat(ConsumedEventAge.of(catalogue, "lead-service", Duration.ofHours(6))).contains(leadLongest.plusHours(6));
    }

    @Test
    void idempotencyRecordsGoAfterTheirTtl() {
        ChassisDatabase.DB.execute("INSERT INTO idempotency_record (tenant_id, scope, idem_key, request_hash, resource_id, created_at) "
                + "SELECT 't', 'widget', 'expired-' || g, repeat('a', 64), 'r', now() - interval '25 hours' FROM generate_series(1, 3) g");
        ChassisDatabase.DB.execute("INSERT INTO idempotency_record (tenant_id, scope, idem_key, request_hash, resource_id, created_at) "
                + "SELECT 't', 'widget', 'live-' || g, repeat('a', 64), 'r', now() - interval '23 hours' FROM generate_series(1, 2) g");

        assertThat(retention.run()).containsEntry(Retention.IDEMPOTENCY, 3L);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM idempotency_record WHERE idem_key LIKE 'live-%'")).isEqualTo(2);
        assertThat(ChassisDatabase.count("SELECT count(*) FROM idempotency_record")).isEqualTo(2);
    }

    @Test
    void aPurgeSkipsRowsAWriterHoldsInsteadOfWaitingForThem() throws Exception {
        ChassisDatabase.DB.execute("INSERT INTO idempotency_record (tenant_id, scope, idem_key, request_hash, resource_id, created_at) "
                + "SELECT 't', 'widget', 'held-' || g, repeat('a', 64), 'r', now() - interval '25 hours' FROM generate_series(1, 2) g");
        String url = CrmTestEnvironment.get().postgres().jdbcUrl(ChassisTestResource.SERVICE);
        try (Connection writer = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement("UPDATE idempotency_record SET resource_id = 'x' WHERE idem_key = 'held-1'")) {
                ps.executeUpdate();
            }
            long started = System.nanoTime();
            assertThat(retention.run()).containsEntry(Retention.IDEMPOTENCY, 1L);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            writer.rollback();
        }
        assertThat(retention.run()).containsEntry(Retention.IDEMPOTENCY, 1L);
    }
}

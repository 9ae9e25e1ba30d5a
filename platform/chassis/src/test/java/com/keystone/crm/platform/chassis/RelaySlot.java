package com.keystone.crm.platform.chassis;

import com.keystone.crm.platform.chassis.outbox.OutboxRelayProgress;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The CDC relay's replication slot of the chassis-test database, played by the test: created, and moved forward
 * as the relay would confirm what it streamed ({@code pg_replication_slot_advance} decodes the WAL up to there).
 */
public final class RelaySlot {
    public static final String NAME = OutboxRelayProgress.defaultSlot(ChassisTestResource.SERVICE);

    private RelaySlot() {
    }

    public static void create() {
        drop();
        ChassisDatabase.count("SELECT count(*) FROM pg_create_logical_replication_slot(?, 'pgoutput')", NAME);
    }

    public static void drop() {
        ChassisDatabase.count("SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots WHERE slot_name = ?", NAME);
    }

    /** Confirms everything written so far (waits for the WAL to be flushed that far: commits here are asynchronous). */
    public static void confirmAll() {
        String target = ChassisDatabase.row("SELECT cast(pg_current_wal_insert_lsn() as text) AS lsn").orElseThrow().get("lsn").toString();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ChassisDatabase.count("SELECT count(*) FROM pg_replication_slot_advance(?, cast(? as pg_lsn))", NAME, target);
            return ChassisDatabase.count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? "
                    + "AND confirmed_flush_lsn >= cast(? as pg_lsn)", NAME, target) == 1;
        });
    }
}

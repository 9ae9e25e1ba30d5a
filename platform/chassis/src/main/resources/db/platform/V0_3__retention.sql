-- Retention of the platform tables (platform/chassis retention package).
--
-- Which outbox rows has the relay passed? The relay (Debezium, pgoutput) confirms a WAL position per replication
-- slot (pg_replication_slots.confirmed_flush_lsn): every transaction that committed before it has been streamed.
-- An outbox row's own insert LSN is not enough to tell, since its transaction commits later (a row written at
-- LSN 100 by a transaction that commits at LSN 900 is not relayed when the slot confirms 500). So each row keeps
-- the id of the transaction that inserted it, and the chassis takes "relay marks": the WAL insert position read
-- just after a snapshot, with that snapshot's xmin. Every transaction below the xmin had ended before the
-- snapshot, so its commit record lies below the mark's position; once the slot confirms past the position, every
-- row whose txid is below the mark's xmin has been relayed.

-- New rows get their transaction id from the default, so no INSERT has to name the column. Rows written before
-- this migration keep NULL (no table rewrite): they committed before any mark, and count as below every mark.
ALTER TABLE outbox_event ADD COLUMN txid xid8;
ALTER TABLE outbox_event ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
-- the unrelayed rows (txid at or above a mark's xmin) are the newest: the backlog count reads this index's tail
CREATE INDEX outbox_event_txid ON outbox_event (txid);

CREATE TABLE outbox_relay_mark (
    wal_lsn       pg_lsn NOT NULL,
    snapshot_xmin xid8   NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_relay_mark_wal_lsn ON outbox_relay_mark (wal_lsn);

-- the purges' age conditions
CREATE INDEX consumed_event_retention ON consumed_event (consumed_at);
CREATE INDEX idempotency_record_retention ON idempotency_record (created_at);

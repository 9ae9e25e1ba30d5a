package com.keystone.crm.platform.chassis.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How far the CDC relay has read this service's outbox, from its replication slot (see V0_3__retention.sql for
 * why relay marks, not insert LSNs). {@link #mark()} records a relay mark; {@link #progress()} reads the slot's
 * confirmed position and the newest mark below it. No slot, nothing relayed: a purge then removes nothing.
 */
@ApplicationScoped
public class OutboxRelayProgress {
    // pg_current_snapshot() is the statement's snapshot, taken before the insert position is read: every
    // transaction below its xmin had written its commit record before that position
    static final String MARK = "INSERT INTO outbox_relay_mark (wal_lsn, snapshot_xmin) "
            + "SELECT pg_current_wal_insert_lsn(), pg_snapshot_xmin(pg_current_snapshot())";
    static final String PROGRESS = "SELECT cast(s.confirmed_flush_lsn as text), "
            + "cast(greatest(0, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), s.confirmed_flush_lsn)) as bigint), "
            + "(SELECT cast(max(m.snapshot_xmin) as text) FROM outbox_relay_mark m WHERE m.wal_lsn <= s.confirmed_flush_lsn) "
            + "FROM pg_replication_slots s WHERE s.slot_name = ?";
    // keep the best mark the relay has passed and the pending ones of the last day (a newer one always remains)
    static final String PRUNE = "DELETE FROM outbox_relay_mark WHERE (wal_lsn <= cast(? as pg_lsn) AND snapshot_xmin < cast(? as xid8)) "
            + "OR (wal_lsn > cast(? as pg_lsn) AND taken_at < now() - interval '1 day' "
            + "AND taken_at < (SELECT max(taken_at) FROM outbox_relay_mark))";

    private final DataSource db;
    private final String slot;

    public OutboxRelayProgress(DataSource db, @ConfigProperty(name = "quarkus.application.name") String application,
                               @ConfigProperty(name = "crm.outbox.relay-slot") Optional<String> slot) {
        this.db = db;
        this.slot = slot.filter(s -> !s.isBlank()).orElse(defaultSlot(application));
    }

    /** The slot name of deploy/connect/&lt;service&gt;.json: {@code lead-service} → {@code lead_service_outbox}. */
    public static String defaultSlot(String application) {
        return application.replace('-', '_') + "_outbox";
    }

    public String slot() {
        return slot;
    }

    /** Records a relay mark: rows committed before now count as relayed once the slot confirms past it. */
    public void mark() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox relay mark", e);
        }
    }

    /** The slot's position now, and the bound below which rows are relayed (pruning the marks it made useless). */
    public RelayProgress progress() {
        try (Connection c = db.getConnection()) {
            RelayProgress p;
            try (PreparedStatement ps = c.prepareStatement(PROGRESS)) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return RelayProgress.NO_SLOT;
                    }
                    long lag = rs.getLong(2);
                    p = new RelayProgress(true, rs.getString(1), lag, Optional.ofNullable(rs.getString(3)));
                }
            }
            if (p.relayedBelowTxid().isPresent()) {
                try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
                    ps.setString(1, p.confirmedFlushLsn());
                    ps.setString(2, p.relayedBelowTxid().get());
                    ps.setString(3, p.confirmedFlushLsn());
                    ps.executeUpdate();
                }
            }
            return p;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox relay progress", e);
        }
    }

    /**
     * @param slotPresent       whether the relay's replication slot exists
     * @param confirmedFlushLsn the slot's confirmed position (null without a slot)
     * @param lagBytes          WAL bytes between the current position and the confirmed one
     * @param relayedBelowTxid  outbox rows whose txid is below this (or NULL) have been relayed; empty: none known
     */
    public record RelayProgress(boolean slotPresent, String confirmedFlushLsn, long lagBytes, Optional<String> relayedBelowTxid) {
        public static final RelayProgress NO_SLOT = new RelayProgress(false, null, 0, Optional.empty());
    }
}

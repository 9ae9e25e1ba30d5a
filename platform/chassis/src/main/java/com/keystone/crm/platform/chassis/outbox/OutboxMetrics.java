package com.keystone.crm.platform.chassis.outbox;

import com.keystone.crm.platform.chassis.outbox.OutboxRelayProgress.RelayProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's relay gauges, sampled from the database every {@code crm.outbox.metrics-every} (15 s; a scrape never
 * waits on the database):
 * <ul>
 *   <li>{@code crm_outbox_backlog_rows}: outbox rows the relay has not passed yet (all of them without its slot);</li>
 *   <li>{@code crm_outbox_oldest_unrelayed_age_seconds}: how long the oldest of them has waited (0 when none);</li>
 *   <li>{@code crm_outbox_relay_lag_bytes}: WAL between the database's insert position and the slot's confirmed one (it
 *       grows with other tables' writes too while the outbox is quiet, so alert on the backlog and its age);</li>
 *   <li>{@code crm_outbox_relay_slot_present}: 1 when the relay's replication slot exists.</li>
 * </ul>
 * Each sample also records a relay mark, which is what lets rows count as relayed (see {@link OutboxRelayProgress}).
 */
@ApplicationScoped
public class OutboxMetrics {
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    static final String ALL = "SELECT count(*), coalesce(extract(epoch FROM now() - min(occurred_at)), 0) FROM outbox_event";
    static final String UNRELAYED = ALL + " WHERE txid >= cast(? as xid8)";

    private final DataSource db;
    private final OutboxRelayProgress relay;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong lagBytes = new AtomicLong();
    private final AtomicLong slotPresent = new AtomicLong();

    public OutboxMetrics(DataSource db, OutboxRelayProgress relay, MeterRegistry registry) {
        this.db = db;
        this.relay = relay;
        Gauge.builder("crm.outbox.backlog.rows", backlog, AtomicLong::get)
                .description("Outbox rows the relay has not passed yet").register(registry);
        Gauge.builder("crm.outbox.oldest.unrelayed.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row the relay has not passed").register(registry);
        Gauge.builder("crm.outbox.relay.lag.bytes", lagBytes, AtomicLong::get)
                .description("WAL bytes between the current position and the relay slot's confirmed position").register(registry);
        Gauge.builder("crm.outbox.relay.slot.present", slotPresent, AtomicLong::get)
                .description("1 when the relay's replication slot exists").register(registry);
    }

    void first(@Observes StartupEvent event) {
        sampleQuietly();
    }

    @Scheduled(identity = "crm-outbox-metrics", every = "${crm.outbox.metrics-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sampleQuietly();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.debug("outbox metrics not sampled", e);
        }
    }

    /** Reads the relay's progress and the backlog now (and records a relay mark). */
    public void sample() {
        RelayProgress progress = relay.progress();
        relay.mark();
        slotPresent.set(progress.slotPresent() ? 1 : 0);
        lagBytes.set(progress.lagBytes());
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(progress.relayedBelowTxid().isPresent() ? UNRELAYED : ALL)) {
            if (progress.relayedBelowTxid().isPresent()) {
                ps.setString(1, progress.relayedBelowTxid().get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                backlog.set(rs.getLong(1));
                oldestAgeSeconds.set((long) rs.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox backlog", e);
        }
    }

    public long backlog() {
        return backlog.get();
    }

    public long oldestUnrelayedAgeSeconds() {
        return oldestAgeSeconds.get();
    }

    public long lagBytes() {
        return lagBytes.get();
    }
}

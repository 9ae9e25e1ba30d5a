package com.keystone.crm.platform.chassis.retention;

import com.keystone.crm.platform.chassis.outbox.OutboxRelayProgress;
import com.keystone.crm.platform.chassis.outbox.OutboxRelayProgress.RelayProgress;
import com.keystone.crm.platform.contracts.TopicCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduled purge of the platform tables every service has:
 * <ul>
 *   <li>{@code outbox_event} rows older than {@code crm.retention.outbox-age} (7 days) that the relay has passed
 *       (see {@link OutboxRelayProgress}; without the relay's slot nothing goes);</li>
 *   <li>{@code consumed_event} rows older than the longest retention of the topics the service consumes plus a
 *       margin ({@link ConsumedEventAge}; {@code crm.retention.consumed-event-age} overrides it);</li>
 *   <li>{@code idempotency_record} rows older than {@code crm.idempotency.ttl} (24 h), the window in which a
 *       repeated Idempotency-Key is answered with the first response.</li>
 * </ul>
 * Each table loses at most {@code crm.retention.max-rows-per-run} rows per run, in batches of
 * {@code crm.retention.batch-size} ({@link BatchedPurge}); the rest goes next run. Runs never overlap on an instance;
 * replicas purging at once skip each other's rows. Ages use the database clock. Rows removed are logged and
 * counted in {@code crm_retention_purged_rows_total{table}}.
 */
@Startup // its counters exist (at 0) from the start, not from the first run
@ApplicationScoped
public class Retention {
    public static final String OUTBOX = "outbox_event";
    public static final String INBOX = "consumed_event";
    public static final String IDEMPOTENCY = "idempotency_record";
    static final String PURGED = "crm.retention.purged.rows";
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final DataSource db;
    private final OutboxRelayProgress relay;
    private final boolean enabled;
    private final int batchSize;
    private final long maxRowsPerRun;
    private final Duration outboxAge;
    private final Optional<Duration> inboxAge;
    private final Duration idempotencyTtl;
    private final Map<String, Counter> purged = new LinkedHashMap<>();
    private final ReentrantLock running = new ReentrantLock();

    public Retention(DataSource db, OutboxRelayProgress relay, MeterRegistry registry,
                     @ConfigProperty(name = "quarkus.application.name") String application,
                     @ConfigProperty(name = "crm.retention.enabled", defaultValue = "true") boolean enabled,
                     @ConfigProperty(name = "crm.retention.batch-size", defaultValue = "500") int batchSize,
                     @ConfigProperty(name = "crm.retention.max-rows-per-run", defaultValue = "50000") long maxRowsPerRun,
                     @ConfigProperty(name = "crm.retention.outbox-age", defaultValue = "P7D") Duration outboxAge,
                     @ConfigProperty(name = "crm.retention.consumed-event-age") Optional<Duration> inboxAgeOverride,
                     @ConfigProperty(name = "crm.retention.consumed-event-margin", defaultValue = "P1D") Duration inboxMargin,
                     @ConfigProperty(name = "crm.idempotency.ttl", defaultValue = "PT24H") Duration idempotencyTtl) {
        if (batchSize < 1 || maxRowsPerRun < 1) {
            throw new IllegalArgumentException("crm.retention.batch-size and max-rows-per-run must be positive");
        }
        this.db = db;
        this.relay = relay;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.maxRowsPerRun = maxRowsPerRun;
        this.outboxAge = outboxAge;
        this.inboxAge = inboxAgeOverride.isPresent() ? inboxAgeOverride
                : ConsumedEventAge.of(TopicCatalogue.load(), application, inboxMargin);
        this.idempotencyTtl = idempotencyTtl;
        for (String table : List.of(OUTBOX, INBOX, IDEMPOTENCY)) {
            purged.put(table, Counter.builder(PURGED).description("Rows removed by the retention purge")
                    .tag("table", table).register(registry));
        }
    }

    @Scheduled(identity = "crm-retention", every = "${crm.retention.every:5m}", delayed = "${crm.retention.delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("retention run failed; the next run retries", e);
        }
    }

    /** One bounded run over the three tables; the rows removed per table (nothing when a run is in progress). */
    public Map<String, Long> run() {
        if (!running.tryLock()) {
            return Map.of();
        }
        try {
            Map<String, Long> removed = new LinkedHashMap<>();
            removed.put(OUTBOX, purgeOutbox());
            removed.put(INBOX, inboxAge.map(age -> purge(new BatchedPurge(INBOX,
                    "consumed_at < now() - make_interval(secs => ?)", List.of(seconds(age))))).orElse(0L));
            removed.put(IDEMPOTENCY, purge(new BatchedPurge(IDEMPOTENCY,
                    "created_at < now() - make_interval(secs => ?)", List.of(seconds(idempotencyTtl)))));
            return removed;
        } finally {
            running.unlock();
        }
    }

    /** The inbox age in force (empty: kept forever). */
    public Optional<Duration> consumedEventAge() {
        return inboxAge;
    }

    private long purgeOutbox() {
        RelayProgress progress = relay.progress();
        relay.mark(); // the position the next run can rely on
        if (progress.relayedBelowTxid().isEmpty()) {
            return 0; // no slot, or the relay has confirmed no mark yet: nothing is known to be relayed
        }
        // rows from before the txid column (NULL) committed before every mark
        return purge(new BatchedPurge(OUTBOX, "occurred_at < now() - make_interval(secs => ?) "
                + "AND (txid IS NULL OR txid < cast(? as xid8))", List.of(seconds(outboxAge), progress.relayedBelowTxid().get())));
    }

    private long purge(BatchedPurge purge) {
        long n = purge.run(db, batchSize, maxRowsPerRun);
        purged.get(purge.table()).increment(n);
        if (n > 0) {
            LOG.infof("retention: removed %d rows from %s%s", n, purge.table(), n >= maxRowsPerRun ? " (run limit; more next run)" : "");
        }
        return n;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

package com.keystone.crm.property.service;

import com.keystone.crm.property.domain.Checkpoint;
import static com.keystone.crm.platform.chassis.worker.LeasedWorker.await;
import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.platform.contracts.EventJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import com.keystone.crm.platform.contracts.InvalidEventException;
import com.keystone.crm.platform.contracts.ValidationResult;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.client.ProviderUsage;
import com.keystone.crm.property.config.SyncConfig;
import com.keystone.crm.property.repository.PropertyRepository;
import com.keystone.crm.property.repository.RunCounts;
import com.keystone.crm.property.repository.StoredListing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs one claimed sync run on the calling (worker) thread: streams the provider's listings in batches, each batch
 * one transaction with its checkpoint, then (full and reconciliation runs) compares the feed's key list with ours.
 * The provider client blocks; database work is reactive and awaited here ({@link VertxContextSupport}).
 */
@ApplicationScoped
public class SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    private static final int KEY_PAGE = 1000;

    private final SyncBatchWriter writer;
    private final PropertyRepository properties;
    private final SyncConfig config;
    private final SyncMetrics metrics;
    private final RecordsActivity activity;
    private final CrmClock clock;

    public SyncEngine(SyncBatchWriter writer, PropertyRepository properties, SyncConfig config, SyncMetrics metrics,
                      RecordsActivity activity, CrmClock clock) {
        this.clock = clock;
        this.writer = writer;
        this.properties = properties;
        this.config = config;
        this.metrics = metrics;
        this.activity = activity;
    }

    /** Mutable state of a run on this worker. */
    static final class RunState {
        final ClaimedRun run;
        Checkpoint checkpoint;
        RunCounts counts;
        Instant lastSeen;
        /** The oldest ModificationTimestamp of a listing refused in this run: the watermark may not pass it. */
        Instant hold;
        final Map<String, Instant> seen = new HashMap<>();
        final PhaseTimes times = new PhaseTimes();

        RunState(ClaimedRun run) {
            this.run = run;
            this.checkpoint = run.checkpoint();
            this.counts = run.counts();
        }
    }

    public void execute(ClaimedRun run, MlsProvider client, String owner) {
        RunState st = new RunState(run);
        String phase = st.checkpoint.phase();
        try {
            if (run.attempts() > config.maxAttempts()) {
                fail(st, owner, phase, "gave-up", null, "gave up after " + config.maxAttempts() + " attempts");
                return;
            }
            LOG.infof("sync %s of provider %s: %s %s (attempt %d, from %s)", run.runId(), run.providerId(),
                    run.trigger(), run.mode().wire(), run.attempts(), st.checkpoint.resumeFrom());
            if (Checkpoint.RECORDS.equals(phase)) {
                String nothingStored = records(st, client, owner);
                if (nothingStored != null) {
                    // no reconciliation either: a feed we cannot read must not mark our listings removed
                    fail(st, owner, phase, "nothing-stored", "REJECTED", nothingStored);
                    return;
                }
                phase = run.mode().reconciles() ? Checkpoint.KEYS : Checkpoint.DONE;
                Checkpoint next = new Checkpoint(phase, st.checkpoint.resumeFrom(), st.checkpoint.maxSeen(),
                        st.checkpoint.ascending(), st.checkpoint.batches());
                await(() -> Panache.withTransaction(() -> writer.phase(run, owner, next)));
                st.checkpoint = next;
            }
            if (Checkpoint.KEYS.equals(phase)) {
                reconcile(st, client, owner);
            }
            complete(st, owner);
        } catch (LeaseLostException e) {
            LOG.warnf("sync %s: %s; stopping", run.runId(), e.getMessage());
        } catch (MlsException e) {
            String code = e.retsReplyCode() != null ? e.retsReplyCode().toString()
                    : e.httpStatus() != null ? e.httpStatus().toString() : e.kind().name();
            fail(st, owner, phase, code, e.kind().name(), e.serverMessage() != null ? e.serverMessage() : e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "sync %s failed", run.runId());
            fail(st, owner, phase, "internal", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    /** The provider's client could not be opened (its settings do not work): the run fails with the reason. */
    public void cannotOpen(ClaimedRun run, String owner, RuntimeException e) {
        fail(new RunState(run), owner, Checkpoint.RECORDS, "client-open", "REJECTED", String.valueOf(e.getMessage()));
    }

    /**
     * The records phase. Returns why the run must fail although the provider answered (it sent rows and none could be
     * stored), else null. Rows repaired by the client's fallback charset are recorded as a run error (a warning).
     */
    private String records(RunState st, MlsProvider client, String owner) {
        List<MlsListing> buffer = new ArrayList<>(config.batchSize());
        long start = System.nanoTime();
        ProviderUsage before = usage(client);
        RunCounts countsBefore = st.counts;
        activity.started();
        try {
            client.listingsModifiedSince(st.checkpoint.resumeFrom(), listing -> {
                buffer.add(listing);
                if (buffer.size() >= config.batchSize()) {
                    flush(st, client, owner, buffer);
                    buffer.clear();
                }
            });
            if (!buffer.isEmpty()) {
                flush(st, client, owner, buffer);
            }
        } finally {
            activity.ended();
        }
        st.times.finish(System.nanoTime() - start);
        LOG.infof("sync %s records phase (%s): %s", st.run.runId(), client.protocol(), st.times);
        ProviderUsage after = usage(client);
        long repaired = after.repairedRows() - before.repairedRows();
        if (repaired > 0) {
            String message = repaired + " row(s) held bytes that were not valid in the body's charset and were decoded as "
                    + "windows-1252; set the provider's charset if its feed is not UTF-8";
            LOG.warnf("sync %s: %s", st.run.runId(), message);
            await(() -> Panache.withTransaction(() -> writer.error(st.run, Checkpoint.RECORDS, "repaired-encoding", "WARNING", message)));
            st.counts = st.counts.plus(new RunCounts(0, 0, 0, 0, 0, 1));
        }
        RunCounts phase = st.counts.plus(new RunCounts(-countsBefore.fetched(), -countsBefore.changed(), -countsBefore.unchanged(),
                0, 0, -countsBefore.errors()));
        long skipped = after.skippedRows() - before.skippedRows();
        if (phase.changed() + phase.unchanged() == 0 && st.counts.changed() + st.counts.unchanged() == 0) {
            if (phase.fetched() > 0 && phase.errors() > 0) {
                return "fetched " + phase.fetched() + " listing(s) and stored none: every one was refused (see the run's "
                        + "invalid-listing errors; a field map or the feed needs fixing)";
            }
            if (skipped > 0) {
                return "the provider sent " + skipped + " row(s) and none could be read (wrong number of values or an empty key)";
            }
        }
        return null;
    }

    private static ProviderUsage usage(MlsProvider client) {
        ProviderUsage usage = client.usage();
        return usage != null ? usage : new ProviderUsage(0, 0, 0, null, null, null, "CLOSED");
    }

    /** One batch: dedupe by key, compare with what is stored, commit (media to list are queued, not listed here). */
    void flush(RunState st, MlsProvider client, String owner, List<MlsListing> fetched) {
        ClaimedRun run = st.run;
        boolean ascending = st.checkpoint.ascending();
        Instant maxSeen = st.checkpoint.maxSeen();
        Map<String, MlsListing> latest = new LinkedHashMap<>();
        for (MlsListing l : fetched) {
            Instant ts = l.modificationTimestamp();
            if (ts != null) {
                if (st.lastSeen != null && ts.isBefore(st.lastSeen)) {
                    ascending = false;
                }
                st.lastSeen = st.lastSeen == null || ts.isAfter(st.lastSeen) ? ts : st.lastSeen;
            }
            Instant before = st.seen.get(l.listingKey());
            if (before != null && ts != null && !ts.isAfter(before)) {
                continue; // the same version again (a page boundary or a resume): nothing to do
            }
            MlsListing kept = latest.get(l.listingKey());
            if (kept == null || ts == null || kept.modificationTimestamp() == null || !ts.isBefore(kept.modificationTimestamp())) {
                latest.put(l.listingKey(), l);
            }
        }
        long t0 = System.nanoTime();
        Map<String, StoredListing> stored = latest.isEmpty() ? Map.of()
                : await(() -> Panache.withSession(() -> properties.forBatch(run.providerId(), new ArrayList<>(latest.keySet()))));
        long t1 = System.nanoTime();
        st.times.read += t1 - t0;
        List<ListingChange> changes = new ArrayList<>();
        List<Map<String, Object>> unchanged = new ArrayList<>();
        List<ListingError> errors = new ArrayList<>();
        for (MlsListing l : latest.values()) {
            if (!l.problems().isEmpty()) {
                errors.add(new ListingError(l.listingKey(), "invalid-listing", "cannot normalise: " + String.join("; ", l.problems())));
                continue;
            }
            NormalisedListing n = ListingNormaliser.normalise(l);
            StoredListing s = stored.get(l.listingKey());
            if (s != null && !s.removed() && s.contentHash().equals(n.contentHash())) {
                Map<String, Object> touch = new HashMap<>();
                touch.put("listing_key", n.listingKey());
                touch.put("modification_timestamp", Objects.toString(n.modificationTimestamp(), null));
                touch.put("ts_text", Objects.toString(n.modificationTimestamp(), null));
                if (n.modificationTimestamp() != null) {
                    unchanged.add(touch);
                }
                continue;
            }
            JsonNode before = s == null ? null : ListingNormaliser.parse(s.listingJson());
            long version = s == null ? 1 : s.version() + 1;
            PropertyUpdated payload;
            try {
                payload = SyncEvents.updated(n, before, run.tenantId(), run.providerId(), version, clock.now());
            } catch (InvalidEventException e) {
                errors.add(new ListingError(n.listingKey(), "invalid-listing", String.join("; ", e.errors())));
                continue;
            }
            ValidationResult valid = EventSchemaValidator.shared().validate(SyncEvents.UPDATED, EventJson.toJson(payload));
            if (!valid.isValid()) {
                errors.add(new ListingError(n.listingKey(), "invalid-listing", valid.summary()));
                continue;
            }
            boolean relist = s == null || s.removed() || !Objects.equals(s.photosChangeTimestamp(), n.photosChangeTimestamp());
            // media served with the record when the protocol allows ($expand=Media: the list, maybe empty, is the
            // listing's media); else the photo queue lists them later, off the records path (RETS GetObject)
            boolean served = l.media() != null;
            changes.add(new ListingChange(n, version, relist && served ? l.media() : null, relist && !served, payload));
        }
        // the watermark moves over what was stored (changed or unchanged), never past a listing refused in this run:
        // the feed is asked from the watermark inclusively, so the refused listing comes again next run
        for (ListingChange c : changes) {
            maxSeen = later(maxSeen, timestamp(latest, c.listing().listingKey()));
        }
        for (Map<String, Object> u : unchanged) {
            maxSeen = later(maxSeen, timestamp(latest, (String) u.get("listing_key")));
        }
        for (ListingError e : errors) {
            Instant ts = timestamp(latest, e.listingKey());
            if (ts != null && (st.hold == null || ts.isBefore(st.hold))) {
                st.hold = ts;
            }
        }
        Instant resumeFrom = ascending && st.lastSeen != null ? st.lastSeen : st.checkpoint.resumeFrom();
        if (!ascending) {
            resumeFrom = st.run.sinceWatermark();
        }
        if (st.hold != null) {
            maxSeen = maxSeen == null || maxSeen.isBefore(st.hold) ? maxSeen : st.hold;
            resumeFrom = resumeFrom == null || resumeFrom.isBefore(st.hold) ? resumeFrom : st.hold;
        }
        Checkpoint next = new Checkpoint(Checkpoint.RECORDS, resumeFrom, maxSeen, ascending, st.checkpoint.batches() + 1);
        SyncBatch batch = new SyncBatch(changes, unchanged, errors, fetched.size(), next, maxSeen, st.times.writes);
        long t2 = System.nanoTime();
        st.times.normalise += t2 - t1;
        RunCounts added = await(() -> Panache.withTransaction(() -> writer.records(run, owner, batch)));
        st.times.write += System.nanoTime() - t2;
        st.checkpoint = next;
        st.counts = st.counts.plus(added);
        latest.values().forEach(l -> st.seen.put(l.listingKey(), l.modificationTimestamp()));
        metrics.records(run, added);
    }

    private static Instant timestamp(Map<String, MlsListing> latest, String key) {
        MlsListing l = latest.get(key);
        return l == null ? null : l.modificationTimestamp();
    }

    private static Instant later(Instant a, Instant b) {
        return b == null ? a : a == null || b.isAfter(a) ? b : a;
    }

    /** Compares the feed's full key list with our listings; those missing from the feed are removed. */
    private void reconcile(RunState st, MlsProvider client, String owner) {
        ClaimedRun run = st.run;
        Set<String> feed = new HashSet<>();
        long[] renewedAt = {System.nanoTime()};
        long renewEvery = config.lease().toNanos() / 3;
        client.listingKeys(key -> {
            feed.add(key);
            if (System.nanoTime() - renewedAt[0] > renewEvery) {
                await(() -> Panache.withTransaction(() -> writer.renew(run, owner)));
                renewedAt[0] = System.nanoTime();
            }
        });
        String after = "";
        if (feed.isEmpty()) {
            List<String> ours = await(() -> Panache.withSession(() -> properties.activeKeysAfter(run.providerId(), "", 1)));
            if (!ours.isEmpty()) {
                // an empty key list from a feed we hold listings of is a broken answer, not a mass delisting
                await(() -> Panache.withTransaction(() -> writer.error(run, Checkpoint.KEYS, "empty-key-list", "REJECTED",
                        "the feed listed no keys; no listing was marked removed")));
                st.counts = st.counts.plus(new RunCounts(0, 0, 0, 0, 0, 1));
                return;
            }
        }
        while (true) {
            String from = after;
            List<String> ours = await(() -> Panache.withSession(() -> properties.activeKeysAfter(run.providerId(), from, KEY_PAGE)));
            if (ours.isEmpty()) {
                break;
            }
            after = ours.get(ours.size() - 1);
            List<String> missing = ours.stream().filter(k -> !feed.contains(k)).toList();
            if (!missing.isEmpty()) {
                int removed = await(() -> Panache.withTransaction(() -> writer.removals(run, owner, missing)));
                st.counts = st.counts.plus(new RunCounts(0, 0, 0, removed, 0, 0));
                metrics.removed(run, removed);
            }
        }
    }

    private void complete(RunState st, String owner) {
        ClaimedRun run = st.run;
        Instant now = clock.now();
        String outcome = st.counts.errors() > 0 ? "succeeded-with-errors" : "succeeded";
        Instant reconciled = run.mode().reconciles() ? (run.startedAt() == null ? now : run.startedAt()) : null;
        String summary = st.counts.errors() > 0 ? st.counts.errors() + " error(s); see the run's errors" : null;
        await(() -> Panache.withTransaction(() -> writer.finish(run, owner, outcome, null, st.counts,
                st.checkpoint.maxSeen(), reconciled, nextRun(run, now), summary)));
        metrics.finished(run, outcome, st.checkpoint.maxSeen());
        LOG.infof("sync %s of provider %s %s: %s", run.runId(), run.providerId(), outcome, st.counts);
    }

    private void fail(RunState st, String owner, String phase, String code, String kind, String message) {
        ClaimedRun run = st.run;
        LOG.warnf("sync %s of provider %s failed in %s: %s %s", run.runId(), run.providerId(), phase, code, message);
        RunCounts counts = st.counts.plus(new RunCounts(0, 0, 0, 0, 0, 1));
        Instant retry = clock.now().plus(config.retryAfter());
        Instant next = nextRun(run, clock.now());
        Instant nextRunAt = retry.isBefore(next) ? retry : next;
        try {
            await(() -> Panache.withTransaction(() -> writer.error(run, phase, code, kind, message)
                    .chain(() -> writer.finish(run, owner, "failed", SyncRunSummary.reason(code, message), counts,
                            null, null, nextRunAt, SyncRunSummary.reason(code, message)))));
            metrics.finished(run, "failed", null);
            metrics.error(run, code);
        } catch (LeaseLostException e) {
            LOG.warnf("sync %s: %s; the other worker owns the run now", run.runId(), e.getMessage());
        }
    }

    private Instant nextRun(ClaimedRun run, Instant now) {
        Instant scheduled = run.provider().nextRunAt;
        if ("on-demand".equals(run.trigger()) && scheduled != null && scheduled.isAfter(now)) {
            return scheduled;
        }
        return Schedules.next(run.provider().cron, now);
    }


}

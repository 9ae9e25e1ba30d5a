package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.property.domain.Checkpoint;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.config.SyncConfig;
import com.keystone.crm.platform.contracts.events.Media;
import com.keystone.crm.property.repository.MediaListQueue;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.MediaRow;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.repository.PropertyRepository;
import com.keystone.crm.property.repository.ProviderRepository;
import com.keystone.crm.property.repository.RunCounts;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional half of the engine: each method is one transaction's statements (the caller opens it), the
 * lease check first, so a worker that lost its provider writes nothing. Set-wise: a batch is a handful of
 * statements whatever its size (events included, {@link OutboxWriter#appendAll}). Listings, media, photo tasks, events
 * (outbox), counters and the checkpoint commit together: a crash after the commit resumes after the batch, a crash
 * before it redoes the batch, and nothing is published twice or lost.
 */
@ApplicationScoped
public class SyncBatchWriter {
    private final ProviderRepository providers;
    private final SyncRunRepository runs;
    private final PropertyRepository properties;
    private final MediaRepository media;
    private final MediaListQueue mediaLists;
    private final OutboxWriter outbox;
    private final MediaUrls urls;
    private final SyncConfig config;
    private final CrmClock clock;

    public SyncBatchWriter(ProviderRepository providers, SyncRunRepository runs, PropertyRepository properties,
                           MediaRepository media, MediaListQueue mediaLists, OutboxWriter outbox, MediaUrls urls,
                           SyncConfig config, CrmClock clock) {
        this.clock = clock;
        this.providers = providers;
        this.runs = runs;
        this.properties = properties;
        this.media = media;
        this.mediaLists = mediaLists;
        this.outbox = outbox;
        this.urls = urls;
        this.config = config;
    }

    /**
     * Writes a batch; answers what it counted (photos queued included). Listings whose media must still be listed are
     * queued for the photo queue, and their event goes out without Media (not known yet): the photo queue publishes
     * the next version with them.
     */
    public Uni<RunCounts> records(ClaimedRun run, String owner, SyncBatch batch) {
        var pid = run.providerId();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> relisted = new ArrayList<>();
        List<Map<String, Object>> mediaRows = new ArrayList<>();
        List<Map<String, Object>> toList = new ArrayList<>();
        // key order: the photo queue locks listings in key order too, so the two never deadlock
        List<ListingChange> changes = batch.changes().stream()
                .sorted(Comparator.comparing((ListingChange c) -> c.listing().listingKey())).toList();
        for (ListingChange c : changes) {
            rows.add(propertyRow(c));
            int priority = priority(c.listing().text("StandardStatus"));
            if (c.media() != null) {
                relisted.add(c.listing().listingKey());
                for (MlsMedia m : c.media()) {
                    mediaRows.add(mediaRow(c.listing().listingKey(), m, priority, c.listing().photosChangeTimestamp()));
                }
            } else if (c.listMedia()) {
                toList.add(listTask(c.listing(), priority));
            }
        }
        // relisted listings' media come back from storing them; the others' stored media are read for their events
        List<String> reread = changes.stream().filter(c -> !c.listMedia() && c.media() == null)
                .map(c -> c.listing().listingKey()).toList();
        List<String> mediaKeys = mediaRows.stream().map(m -> (String) m.get("media_key")).toList();
        Instant now = clock.now();
        WriteTimes t = batch.times();
        return t.time("lease", () -> lease(run, owner))
                .chain(() -> t.time("upsert", () -> properties.upsert(pid, run.tenantId(), rows)))
                .call(() -> t.time("touch", () -> properties.touch(pid, batch.unchanged())))
                .chain(versions -> t.time("media", () -> media.store(pid, run.tenantId(), mediaRows))
                        .call(() -> t.time("prune", () -> media.prune(pid, existedBefore(relisted, versions), mediaKeys)))
                        .call(() -> t.time("list-queue", () -> mediaLists.enqueue(pid, run.tenantId(), toList)))
                        .chain(stored -> t.time("reread", () -> media.forListings(pid, reread))
                        .chain(others -> t.time("outbox", () -> publish(changes, versions, concat(stored.rows(), others), now)))
                        .chain(() -> errors(run, batch.errors()))
                        .map(x -> new RunCounts(batch.fetched(), batch.changes().size(), batch.unchanged().size(), 0,
                                stored.queued(), batch.errors().size()))))
                .call(counts -> t.time("run", () -> runs.advance(run.runId(), counts, batch.watermark())
                        .chain(() -> runs.saveCheckpoint(run.runId(), batch.checkpoint(), 1))));
    }

    /**
     * The listings that were stored before this batch: only they can have media or photo tasks to prune. A listing the
     * upsert inserted has version 1 (an updated one is above its stored version, so at least 2); no media or photo
     * task can name it, as media need its row and tasks are queued from media.
     */
    static List<String> existedBefore(List<String> keys, Map<String, Long> versions) {
        return keys.stream().filter(k -> versions.getOrDefault(k, 2L) > 1).toList();
    }

    private static List<MediaRow> concat(List<MediaRow> a, List<MediaRow> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<MediaRow> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Marks listings gone from the feed removed and publishes property.removed for each; answers how many. */
    public Uni<Integer> removals(ClaimedRun run, String owner, List<String> missing) {
        Instant now = clock.now();
        return lease(run, owner)
                .chain(() -> properties.remove(run.providerId(), missing))
                .call(removed -> {
                    List<OutboxEvent> out = new ArrayList<>(removed.size());
                    for (Object[] r : removed) {
                        out.add(SyncEvents.removedEvent(NativeSql.text(r, 0), run.tenantId(), run.providerId(),
                                NativeSql.number(r, 1), NativeSql.text(r, 2), NativeSql.text(r, 3),
                                NativeSql.instant(r, 4), now));
                    }
                    return outbox.appendAll(out);
                })
                .call(removed -> NativeSql.execute("DELETE FROM photo_task WHERE provider_id = ?1 AND listing_key IN "
                        + "(SELECT " + JsonParameter.elements(2) + ")", run.providerId(),
                        JsonParameter.of(missing)))
                .call(removed -> NativeSql.execute("DELETE FROM media_list_task WHERE provider_id = ?1 AND listing_key IN "
                        + "(SELECT " + JsonParameter.elements(2) + ")", run.providerId(), JsonParameter.of(missing)))
                .call(removed -> runs.advance(run.runId(), new RunCounts(0, 0, 0, removed.size(), 0, 0), null))
                .map(List::size);
    }

    public Uni<Void> phase(ClaimedRun run, String owner, Checkpoint checkpoint) {
        return lease(run, owner).chain(() -> runs.saveCheckpoint(run.runId(), checkpoint, 0));
    }

    public Uni<Void> error(ClaimedRun run, String phase, String code, String kind, String message) {
        return runs.error(run.runId(), run.providerId(), run.tenantId(), phase, code, kind, null, message)
                .chain(() -> runs.advance(run.runId(), new RunCounts(0, 0, 0, 0, 0, 1), null));
    }

    /** Ends the run: state, provider watermark and next run, lease released, mls.sync-completed. */
    public Uni<Void> finish(ClaimedRun run, String owner, String outcome, String reason, RunCounts counts,
                            Instant watermark, Instant reconciledAt, Instant nextRunAt, String errorSummary) {
        Instant now = clock.now();
        return runs.finish(run.runId(), outcome, reason)
                .chain(() -> providers.release(run.providerId(), owner, nextRunAt, watermark, reconciledAt))
                .chain(held -> {
                    if (!held) {
                        return Uni.createFrom().failure(new LeaseLostException("provider " + run.providerId() + " taken over"));
                    }
                    Instant mark = watermark != null ? watermark : run.provider().watermark;
                    return outbox.append(SyncEvents.completedEvent(run, outcome, now, mark, counts, errorSummary));
                });
    }

    public Uni<Void> renew(ClaimedRun run, String owner) {
        return lease(run, owner);
    }

    private Uni<Void> lease(ClaimedRun run, String owner) {
        return providers.renew(run.providerId(), owner, config.lease()).chain(held -> held ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new LeaseLostException("provider " + run.providerId() + " taken over")));
    }

    /** The batch's events, each with the listing's stored version; Media as stored, or left out while still to be listed. */
    private Uni<Void> publish(List<ListingChange> changes, Map<String, Long> versions, List<MediaRow> stored, Instant now) {
        Map<String, List<MediaRow>> byListing = new HashMap<>();
        for (MediaRow m : stored) {
            byListing.computeIfAbsent(m.listingKey(), k -> new ArrayList<>()).add(m);
        }
        List<OutboxEvent> out = new ArrayList<>(changes.size());
        for (ListingChange c : changes) {
            String key = c.listing().listingKey();
            List<Media> media = c.listMedia() ? null : SyncEvents.media(byListing.getOrDefault(key, List.of()), urls);
            PropertyUpdated payload = SyncEvents.withMedia(c.payload(), media, now);
            long version = versions.getOrDefault(key, c.version());
            if (version != c.version()) {
                payload = new PropertyUpdated.PropertyUpdatedBuilder(payload).withVersion(version).build();
            }
            out.add(SyncEvents.updatedEvent(key, payload));
        }
        return outbox.appendAll(out); // one statement for the batch's events
    }

    private Uni<Void> errors(ClaimedRun run, List<ListingError> errors) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ListingError e : errors) {
            chain = chain.chain(() -> runs.error(run.runId(), run.providerId(), run.tenantId(), Checkpoint.RECORDS,
                    e.code(), "listing", e.listingKey(), e.message()));
        }
        return chain;
    }

    static Map<String, Object> propertyRow(ListingChange c) {
        NormalisedListing n = c.listing();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("listing_key", n.listingKey());
        row.put("listing_id", n.text("ListingId"));
        row.put("standard_status", n.text("StandardStatus"));
        row.put("property_type", n.text("PropertyType"));
        row.put("list_price", n.decimal("ListPrice"));
        row.put("bedrooms_total", n.integer("BedroomsTotal"));
        row.put("bathrooms_total", n.integer("BathroomsTotalInteger"));
        row.put("city", n.text("City"));
        row.put("postal_code", n.text("PostalCode"));
        row.put("modification_timestamp", n.modificationTimestamp() == null ? null : n.modificationTimestamp().toString());
        row.put("photos_change_timestamp", n.photosChangeTimestamp() == null ? null : n.photosChangeTimestamp().toString());
        row.put("listing", n.fields());
        row.put("content_hash", n.contentHash());
        row.put("version", c.version());
        return row;
    }

    static Map<String, Object> listTask(NormalisedListing n, int priority) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("listing_key", n.listingKey());
        row.put("photos_change_timestamp", n.photosChangeTimestamp() == null ? null : n.photosChangeTimestamp().toString());
        row.put("priority", priority);
        return row;
    }

    /**
     * A media row; a provider that gives no MediaModificationTimestamp (RETS GetObject) has its photos versioned by
     * the listing's PhotosChangeTimestamp, so a photo change still replaces the copy.
     */
    static Map<String, Object> mediaRow(String listingKey, MlsMedia m, int priority, Instant photosChanged) {
        Instant changed = m.modificationTimestamp() != null ? m.modificationTimestamp() : photosChanged;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("media_key", m.mediaKey());
        row.put("listing_key", listingKey);
        row.put("media_order", m.order());
        row.put("category", m.category());
        row.put("provider_url", m.mediaUrl());
        row.put("media_modification_timestamp", changed == null ? null : changed.toString());
        row.put("priority", priority);
        return row;
    }

    /** Active listings' photos first: those are the ones agents show. */
    static int priority(String standardStatus) {
        if (standardStatus == null) {
            return 2;
        }
        return switch (standardStatus) {
            case "Active", "Coming Soon", "Active Under Contract" -> 0;
            case "Pending" -> 1;
            default -> 2;
        };
    }
}

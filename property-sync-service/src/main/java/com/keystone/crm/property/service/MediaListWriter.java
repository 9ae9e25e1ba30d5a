package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import com.keystone.crm.platform.contracts.ValidationResult;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.repository.LockedListing;
import com.keystone.crm.property.repository.MediaListQueue;
import com.keystone.crm.property.repository.MediaListTask;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.MediaRow;
import com.keystone.crm.property.repository.PropertyRepository;
import com.keystone.crm.property.repository.StoredMedia;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional half of listing media in the photo queue, one transaction per claimed batch. It writes only for
 * listings whose task this claim still holds (a task re-queued for newer photos, or taken over after its lease ran
 * out, belongs to its new owner): stores their media, queues the copies, publishes the next version of each listing
 * with its Media (property.updated, changedFields ["Media"]) and closes the tasks. A listing a sync batch is writing
 * at that moment is not waited for: its task is put back for a moment.
 */
@ApplicationScoped
public class MediaListWriter {
    private static final Logger LOG = Logger.getLogger(MediaListWriter.class);
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final PropertyRepository properties;
    private final MediaRepository media;
    private final MediaListQueue queue;
    private final OutboxWriter outbox;
    private final MediaUrls urls;
    private final CrmClock clock;

    public MediaListWriter(PropertyRepository properties, MediaRepository media, MediaListQueue queue, OutboxWriter outbox,
                           MediaUrls urls, CrmClock clock) {
        this.properties = properties;
        this.media = media;
        this.queue = queue;
        this.outbox = outbox;
        this.urls = urls;
        this.clock = clock;
    }

    /** Writes what was listed for these tasks (one provider's); answers how many photo copies were queued. */
    public Uni<Integer> write(List<MediaListTask> tasks, Map<String, List<MlsMedia>> listed, String owner) {
        UUID pid = tasks.get(0).providerId();
        String tenant = tasks.get(0).tenantId();
        List<String> keys = tasks.stream().map(MediaListTask::listingKey).toList();
        return properties.lockForMedia(pid, keys).chain(locked -> queue.held(tasks, owner).chain(heldIds -> {
            Set<String> held = new HashSet<>(heldIds);
            Map<String, LockedListing> byKey = new HashMap<>();
            locked.forEach(l -> byKey.put(l.listingKey(), l));
            List<String> apply = new ArrayList<>();
            List<String> close = new ArrayList<>();
            List<MediaListTask> busy = new ArrayList<>();
            List<Map<String, Object>> mediaRows = new ArrayList<>();
            for (MediaListTask t : tasks) {
                if (!held.contains(Long.toString(t.id()))) {
                    continue;
                }
                LockedListing l = byKey.get(t.listingKey());
                if (l == null) {
                    busy.add(t);
                    continue;
                }
                close.add(Long.toString(t.id()));
                if (l.removed()) {
                    continue; // gone from the feed meanwhile: nothing to show
                }
                apply.add(t.listingKey());
                int priority = SyncBatchWriter.priority(l.standardStatus());
                for (MlsMedia m : listed.getOrDefault(t.listingKey(), List.of())) {
                    mediaRows.add(SyncBatchWriter.mediaRow(t.listingKey(), m, priority, l.photosChangeTimestamp()));
                }
            }
            Instant now = clock.now();
            List<String> mediaKeys = mediaRows.stream().map(m -> (String) m.get("media_key")).toList();
            return media.store(pid, tenant, mediaRows)
                    .call(() -> media.prune(pid, apply, mediaKeys))
                    .call(stored -> properties.nextVersion(pid, apply)
                            .chain(versions -> outbox.appendAll(events(tenant, pid, apply, byKey, versions, stored.rows(), now))))
                    .map(StoredMedia::queued)
                    .call(() -> queue.done(close, owner))
                    .call(() -> busy.isEmpty() ? Uni.createFrom().voidItem()
                            : queue.retry(busy, owner, false, BUSY_RETRY, "listing being written by a sync"));
        }));
    }

    private List<OutboxEvent> events(String tenant, UUID pid, List<String> keys, Map<String, LockedListing> listings,
                                     Map<String, Long> versions, List<MediaRow> stored, Instant now) {
        Map<String, List<MediaRow>> byListing = new HashMap<>();
        for (MediaRow m : stored) {
            byListing.computeIfAbsent(m.listingKey(), k -> new ArrayList<>()).add(m);
        }
        List<OutboxEvent> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            PropertyUpdated payload = SyncEvents.mediaListed(ListingNormaliser.parse(listings.get(key).listingJson()), tenant,
                    pid, versions.get(key), SyncEvents.media(byListing.getOrDefault(key, List.of()), urls), now);
            ValidationResult valid = EventSchemaValidator.shared().validate(SyncEvents.UPDATED, EventJson.toJson(payload));
            if (!valid.isValid()) {
                // the listing passed the check when stored; a media record the contract refuses is shown, not published
                LOG.warnf("listing %s: media listed but not published: %s", key, valid.summary());
                continue;
            }
            out.add(SyncEvents.updatedEvent(key, payload));
        }
        return out;
    }
}

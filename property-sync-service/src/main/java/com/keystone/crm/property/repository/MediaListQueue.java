package com.keystone.crm.property.repository;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Listings whose media the provider must still list (RETS: no media come with the records). The records phase queues
 * them; the photo worker claims them in batches of one provider, so one request lists the media of many listings.
 */
@ApplicationScoped
public class MediaListQueue {
    static final LeaseTable TASKS = LeaseTable.on("media_list_task", "id", "bigint").build();
    private static final String FREE = "(%1$s.lease_owner IS NULL OR %1$s.lease_expires_at < now())";
    private static final String READY = "%1$s.not_before <= now() AND " + FREE;
    static final String ENQUEUE = "INSERT INTO media_list_task (provider_id, listing_key, tenant_id, photos_change_timestamp, "
            + "priority) SELECT ?1, x.listing_key, ?2, x.photos_change_timestamp, x.priority "
            + "FROM jsonb_to_recordset(" + JsonParameter.jsonb(3) + ") AS x(listing_key text, photos_change_timestamp timestamptz, "
            + "priority int) ON CONFLICT (provider_id, listing_key) DO UPDATE SET "
            + "photos_change_timestamp = EXCLUDED.photos_change_timestamp, priority = EXCLUDED.priority, attempts = 0, "
            + "not_before = now(), last_error = NULL, lease_owner = NULL, lease_expires_at = NULL "
            // a newer PhotosChangeTimestamp takes the task from a worker listing the older photos (its writes are fenced)
            + "WHERE media_list_task.photos_change_timestamp IS DISTINCT FROM EXCLUDED.photos_change_timestamp";
    /** The due tasks of the provider whose task is most urgent (an enabled provider: a disabled one is not asked). */
    static final String NEXT = "SELECT cast(t.id as text), cast(t.provider_id as text), t.tenant_id, t.listing_key, "
            + "to_json(t.photos_change_timestamp)#>>'{}', cast(t.attempts as text) FROM media_list_task t "
            + "WHERE t.provider_id = (SELECT f.provider_id FROM media_list_task f JOIN mls_provider p ON p.id = f.provider_id "
            + "WHERE p.enabled AND " + READY.formatted("f") + " ORDER BY f.priority, f.id LIMIT 1) AND " + READY.formatted("t")
            + " ORDER BY t.priority, t.id LIMIT %d FOR UPDATE OF t SKIP LOCKED";
    /** The tasks named by ?1 (a JSON array of ids) that the claim ?2 still holds. */
    private static final String HELD = "id IN (SELECT cast(k.v as bigint) FROM "
            + JsonParameter.elements(1) + " AS k(v)) AND lease_owner = ?2";
    static final String DONE = "DELETE FROM media_list_task WHERE " + HELD;
    static final String GIVE_UP = "DELETE FROM media_list_task WHERE " + HELD
            + " AND attempts + 1 >= cast(cast(?3 as text) as int) RETURNING listing_key, tenant_id";
    static final String RETRY = "UPDATE media_list_task SET lease_owner = NULL, lease_expires_at = NULL, "
            + "attempts = attempts + cast(cast(?3 as text) as int), not_before = now() + make_interval(secs => ?4), "
            + "last_error = ?5 WHERE " + HELD;

    /** Queues these listings (maps: listing_key, photos_change_timestamp, priority); answers how many were (re)queued. */
    public Uni<Integer> enqueue(UUID providerId, String tenantId, List<Map<String, Object>> listings) {
        return listings.isEmpty() ? Uni.createFrom().item(0)
                : NativeSql.execute(ENQUEUE, providerId, tenantId, JsonParameter.of(listings));
    }

    /** Leases up to {@code limit} due tasks, all of one provider; empty when none is due. */
    public Uni<List<MediaListTask>> claim(String owner, Duration lease, int limit) {
        return NativeSql.rows(NEXT.formatted(limit)).chain(rows -> {
            List<MediaListTask> tasks = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                tasks.add(new MediaListTask(Long.parseLong(NativeSql.text(r, 0)), UUID.fromString(NativeSql.text(r, 1)),
                        NativeSql.text(r, 2), NativeSql.text(r, 3), NativeSql.instant(r, 4),
                        Integer.parseInt(NativeSql.text(r, 5))));
            }
            return TASKS.claimAll(ids(tasks), owner, lease).map(n -> tasks);
        });
    }

    /** The fence: which of these tasks {@code owner} still holds (locked until the transaction ends). */
    public Uni<List<String>> held(Collection<MediaListTask> tasks, String owner) {
        return TASKS.holdsAll(ids(tasks), owner);
    }

    /** Closes the tasks still held by {@code owner}. */
    public Uni<Integer> done(Collection<String> ids, String owner) {
        return ids.isEmpty() ? Uni.createFrom().item(0) : NativeSql.execute(DONE, JsonParameter.of(ids), owner);
    }

    /** Drops the held tasks that used their last attempt; answers their listing keys. */
    public Uni<List<String>> giveUp(Collection<MediaListTask> tasks, String owner, int maxAttempts) {
        return NativeSql.rows(GIVE_UP, JsonParameter.of(ids(tasks)), owner, Integer.toString(maxAttempts))
                .map(rows -> rows.stream().map(r -> NativeSql.text(r, 0)).toList());
    }

    /** Puts the held tasks back for later, counting an attempt or not. */
    public Uni<Void> retry(Collection<MediaListTask> tasks, String owner, boolean countAttempt, Duration delay, String error) {
        return NativeSql.execute(RETRY, JsonParameter.of(ids(tasks)), owner, countAttempt ? "1" : "0",
                ProviderRepository.seconds(delay), SyncRunRepository.truncate(error, 2000)).replaceWithVoid();
    }

    /** Hands the held tasks back unfinished (the worker stops). */
    public Uni<Integer> release(Collection<MediaListTask> tasks, String owner) {
        return TASKS.releaseAll(ids(tasks), owner);
    }

    static List<String> ids(Collection<MediaListTask> tasks) {
        return tasks.stream().map(t -> Long.toString(t.id())).toList();
    }
}

package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The test application's worker over {@code work_item}: claims an unfinished item and marks it done by its owner
 * (a write guarded by the lease, like every real worker's), logging the finish in {@code work_log}. Tests start
 * plain instances of it as if they were replicas; {@link WakeableWorkItemWorker} is the CDI one (the inherited
 * lifecycle observers would otherwise make this class a bean too).
 */
@Vetoed
public class WorkItemWorker extends LeasedWorker<String> {
    static final LeaseTable ITEMS = LeaseTable.on("work_item", "id", "bigint")
            .ready("done_by IS NULL")
            .order("id")
            .build();
    static final String FINISH = "WITH done AS (UPDATE work_item SET done_by = ?2, lease_owner = NULL, "
            + "lease_expires_at = NULL WHERE id = cast(cast(?1 as text) as bigint) AND lease_owner = ?2 RETURNING id) "
            + "INSERT INTO work_log (item_id, owner) SELECT id, ?2 FROM done";

    private final WorkerSettings settings;
    private final Duration lease;
    /** runs before an item is finished, on the worker's thread (tests block or fail here) */
    public volatile BiConsumer<String, WorkerLease> beforeFinish = (id, lease) -> { };
    /** every guarded finish this worker attempted, in order: which claim tried it and whether its write counted */
    public final List<Finish> finishes = new CopyOnWriteArrayList<>();

    /** One attempt to finish an item: {@code owner} is the claim's lease owner, {@code applied} whether the write passed its guard. */
    public record Finish(String id, String owner, boolean applied) {
    }

    public WorkItemWorker(String name, WorkerSettings settings, Duration lease) {
        super(name);
        this.settings = settings;
        this.lease = lease;
    }

    @Override
    protected WorkerSettings settings() {
        return settings;
    }

    @Override
    protected Uni<String> claimNext(String owner) {
        return ITEMS.claimNext(owner, lease).map(c -> c == null ? null : c.key());
    }

    @Override
    protected void process(String id, WorkerLease lease) {
        beforeFinish.accept(id, lease);
        if (lease.isStopping()) {
            return; // leave it: the worker releases it
        }
        Integer rows = await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(FINISH)
                .setParameter(1, id).setParameter(2, lease.owner()).executeUpdate())));
        finishes.add(new Finish(id, lease.owner(), rows != null && rows > 0));
    }

    @Override
    protected Uni<?> release(String id, String owner) {
        return ITEMS.release(id, owner);
    }
}

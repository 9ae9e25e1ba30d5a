package com.keystone.crm.platform.chassis.testapp;

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
 * The work-item worker again, claiming batches: up to {@code batch} items per claim ({@code LeaseTable.claimNext} with
 * a limit), fenced per item ({@code holdsAll}) and finished in one transaction; a stop hands the batch back
 * ({@code releaseAll}). Tests start plain instances of it as replicas.
 */
@Vetoed
public class BatchWorkItemWorker extends LeasedWorker<List<String>> {
    private final WorkerSettings settings;
    private final Duration lease;
    private final int batch;
    /** runs before a batch is finished, on the worker's thread (tests take an item over here) */
    public volatile BiConsumer<List<String>, WorkerLease> beforeFinish = (ids, lease) -> { };
    /** the items of every claim, in order */
    public final List<List<String>> claims = new CopyOnWriteArrayList<>();

    public BatchWorkItemWorker(String name, WorkerSettings settings, Duration lease, int batch) {
        super(name);
        this.settings = settings;
        this.lease = lease;
        this.batch = batch;
    }

    @Override
    protected WorkerSettings settings() {
        return settings;
    }

    @Override
    protected Uni<List<String>> claimNext(String owner) {
        return WorkItemWorker.ITEMS.claimNext(owner, lease, batch)
                .map(claimed -> claimed.isEmpty() ? null : claimed.stream().map(c -> c.key()).toList());
    }

    @Override
    protected void process(List<String> ids, WorkerLease lease) {
        claims.add(ids);
        beforeFinish.accept(ids, lease);
        if (lease.isStopping()) {
            return; // leave them: the worker releases them
        }
        await(() -> Panache.withTransaction(() -> WorkItemWorker.ITEMS.holdsAll(ids, lease.owner()).chain(held -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : held) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(WorkItemWorker.FINISH)
                        .setParameter(1, id).setParameter(2, lease.owner()).executeUpdate())).replaceWithVoid();
            }
            return chain;
        })));
    }

    @Override
    protected Uni<?> release(List<String> ids, String owner) {
        return WorkItemWorker.ITEMS.releaseAll(ids, owner);
    }
}

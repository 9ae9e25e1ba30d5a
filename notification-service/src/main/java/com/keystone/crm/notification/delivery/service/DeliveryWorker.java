package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The delivery queue's worker: claims a batch of notifications whose due time has come, oldest due first ({@code FOR
 * UPDATE SKIP LOCKED}, leased together in one statement), and delivers them ({@link BatchDelivery}). Due times are
 * compared with the service clock (tests move it), leases with the database clock.
 */
@ApplicationScoped
public class DeliveryWorker extends LeasedWorker<List<UUID>> {
    private final NotifyConfig.Worker config;
    private final BatchDelivery batches;
    private final CrmClock clock;

    public DeliveryWorker(NotifyConfig config, BatchDelivery batches, CrmClock clock) {
        super("delivery");
        this.config = config.worker();
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    protected WorkerSettings settings() {
        return new WorkerSettings(config.enabled(), config.pollInterval(), config.slots(), Duration.ofSeconds(15));
    }

    @Override
    protected Uni<List<UUID>> claimNext(String owner) {
        return DeliveryQueue.QUEUE.claimNext(owner, config.lease(), config.batchSize(), clock.now())
                .map(claimed -> claimed.isEmpty() ? null : claimed.stream().map(c -> UUID.fromString(c.key())).toList());
    }

    @Override
    protected void process(List<UUID> ids, WorkerLease lease) {
        if (lease.isStopping()) {
            return; // the worker hands the batch back
        }
        batches.deliver(ids, lease.owner());
    }

    @Override
    protected Uni<?> release(List<UUID> ids, String owner) {
        return DeliveryQueue.QUEUE.releaseAll(ids.stream().map(UUID::toString).toList(), owner);
    }
}

package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * The delivery queue's worker: claims the next notification whose due time has come ({@code FOR UPDATE SKIP
 * LOCKED}, leased) and delivers it. Due times are compared with the service clock (tests move it), leases with the
 * database clock.
 */
@ApplicationScoped
public class DeliveryWorker extends LeasedWorker<UUID> {
    private final NotifyConfig.Worker config;
    private final DeliveryProcessor processor;
    private final CrmClock clock;

    public DeliveryWorker(NotifyConfig config, DeliveryProcessor processor, CrmClock clock) {
        super("delivery");
        this.config = config.worker();
        this.processor = processor;
        this.clock = clock;
    }

    @Override
    protected WorkerSettings settings() {
        return new WorkerSettings(config.enabled(), config.pollInterval(), config.slots(), Duration.ofSeconds(15));
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return DeliveryQueue.QUEUE.claimNext(owner, config.lease(), 1, clock.now())
                .map(claimed -> claimed.isEmpty() ? null : UUID.fromString(claimed.get(0).key()));
    }

    @Override
    protected void process(UUID id, WorkerLease lease) {
        processor.deliver(id, lease.owner());
    }

    @Override
    protected Uni<?> release(UUID id, String owner) {
        return DeliveryQueue.QUEUE.release(id.toString(), owner);
    }
}

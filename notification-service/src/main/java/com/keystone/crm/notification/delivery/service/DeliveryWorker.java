package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeaseTable;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
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
        return WorkerSettings.single(config.enabled(), config.pollInterval(), Duration.ofSeconds(15));
    }

    @Override
    protected Uni<UUID> claimNext(String owner) {
        return queue(clock.now()).claimNext(owner, config.lease()).map(c -> c == null ? null : UUID.fromString(c.key()));
    }

    @Override
    protected void process(UUID id, WorkerLease lease) {
        processor.deliver(id);
    }

    @Override
    protected Uni<?> release(UUID id, String owner) {
        return queue(clock.now()).release(id.toString(), owner);
    }

    /** The queue as of {@code now}: the instant is ours (formatted here), never input. */
    static LeaseTable queue(Instant now) {
        return LeaseTable.on("notification", "id", "uuid")
                .ready("status IN ('queued', 'held', 'sending') AND due_at <= timestamptz '" + now + "'")
                .order("due_at, id")
                .build();
    }
}

package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.platform.chassis.worker.LeaseTable;

import java.time.Instant;

/** The delivery queue on the notification table: leased rows, due by the service clock, oldest due first. */
final class DeliveryQueue {
    private DeliveryQueue() {
    }

    /** The queue as of {@code now}: the instant is ours (formatted here), never input. */
    static LeaseTable at(Instant now) {
        return LeaseTable.on("notification", "id", "uuid")
                .ready("status IN ('queued', 'held', 'sending') AND due_at <= timestamptz '" + now + "'")
                .order("due_at, id")
                .build();
    }
}

package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.platform.chassis.worker.LeaseTable;

/**
 * The delivery queue on the notification table: leased rows, due by the service clock (the claim's bound parameter,
 * so every poll sends the same statement), oldest due first.
 */
final class DeliveryQueue {
    static final LeaseTable QUEUE = LeaseTable.on("notification", "id", "uuid")
            .ready("status IN ('queued', 'held', 'sending') AND due_at <= " + LeaseTable.param(1, "timestamptz"))
            .order("due_at, id")
            .build();

    private DeliveryQueue() {
    }
}

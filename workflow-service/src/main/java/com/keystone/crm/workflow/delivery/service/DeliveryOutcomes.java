package com.keystone.crm.workflow.delivery.service;

import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import com.keystone.crm.workflow.delivery.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * notification-service's word on a message a workflow asked for: the step whose request id it carries gets its
 * delivery outcome (sent, delivered, failed). Messages no workflow requested are not ours and are ignored.
 */
@ApplicationScoped
public class DeliveryOutcomes {
    static final int DETAIL_MAX = 200;

    private final DeliveryRepository deliveries;

    public DeliveryOutcomes(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    public Uni<Void> delivered(NotificationDelivered e) {
        if (e.getWorkflowId() == null) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.record(e.getTenantId(), e.getRequestId(), e.getStatus().value(), e.getOccurredAt(),
                detail(e.getProvider())).replaceWithVoid();
    }

    public Uni<Void> failed(NotificationFailed e) {
        if (e.getWorkflowId() == null) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.record(e.getTenantId(), e.getRequestId(), "failed", e.getOccurredAt(),
                detail(e.getReason().value() + (e.getErrorCode() == null ? "" : " " + e.getErrorCode()))).replaceWithVoid();
    }

    private static String detail(String s) {
        return s == null || s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX);
    }
}

package com.keystone.crm.workflow.delivery.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The delivery outcome of a send step, on its history row (found by the step's request id). */
@ApplicationScoped
public class DeliveryRepository {
    /**
     * sent only fills an empty outcome; delivered and failed replace sent or an older final outcome. Events of one
     * message may come out of order (two topics), so the newest final word wins and a late "sent" never undoes it.
     */
    static final String RECORD = """
            UPDATE step_execution SET delivery = ?3, delivery_at = ?4, delivery_detail = ?5
            WHERE request_id = cast(cast(?1 as text) as uuid) AND tenant_id = ?2
              AND (delivery IS NULL OR (?3 <> 'sent' AND (delivery = 'sent' OR delivery_at <= ?4)))""";

    /** 1 when the step's outcome changed, 0 when the request is not a step of ours or a newer outcome stands. */
    public Uni<Integer> record(String tenantId, UUID requestId, String outcome, Instant at, String detail) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD)
                .setParameter(1, requestId.toString()).setParameter(2, tenantId).setParameter(3, outcome)
                .setParameter(4, at).setParameter(5, detail).executeUpdate());
    }
}

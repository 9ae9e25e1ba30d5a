package com.keystone.crm.gateway.service;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.AuditRecorded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The services' data-access audit (audit.recorded) into the gateway's audit log, once (inbox), so the tenant's admins
 * read one audit at {@code GET /api/v1/admin/audit-events}: the gateway's security events and the services' data access.
 */
@ApplicationScoped
public class DataAccessAuditConsumer {
    private final IdempotentConsumer consumer;
    private final AuditLog audit;

    public DataAccessAuditConsumer(IdempotentConsumer consumer, AuditLog audit) {
        this.consumer = consumer;
        this.audit = audit;
    }

    @Incoming("audit-recorded")
    public Uni<Void> onRecorded(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "data-access-audit", AuditRecorded.class, e -> audit.recordDataAccess(e.payload()));
    }
}

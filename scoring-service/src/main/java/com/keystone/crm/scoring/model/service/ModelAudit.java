package com.keystone.crm.scoring.model.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.scoring.model.domain.ModelAuditEntry;
import com.keystone.crm.scoring.model.repository.ModelAuditRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Records admin and automatic actions on models and policies, in the caller's transaction. */
@ApplicationScoped
public class ModelAudit {
    private final ModelAuditRepository entries;
    private final CrmClock clock;
    private final MeterRegistry metrics;

    public ModelAudit(ModelAuditRepository entries, CrmClock clock, MeterRegistry metrics) {
        this.entries = entries;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Uni<Void> record(String tenantId, UUID modelId, String action, String actor, String detail) {
        ModelAuditEntry e = new ModelAuditEntry();
        e.id = UUID.randomUUID();
        e.tenantId = tenantId;
        e.modelId = modelId;
        e.action = action;
        e.actor = actor;
        e.at = clock.now();
        e.detail = detail;
        metrics.counter("crm.audit.events", "action", action).increment();
        return entries.persist(e).replaceWithVoid();
    }
}

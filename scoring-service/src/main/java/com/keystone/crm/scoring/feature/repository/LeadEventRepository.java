package com.keystone.crm.scoring.feature.repository;

import com.keystone.crm.scoring.feature.domain.LeadEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadEventRepository implements PanacheRepositoryBase<LeadEvent, UUID> {
    /** A lead's events in occurrence order (ties by id, so the order is stable). */
    public Uni<List<LeadEvent>> history(String tenantId, UUID leadId) {
        return find("tenantId = ?1 and leadId = ?2 order by occurredAt, id", tenantId, leadId).list();
    }

    /** The events of many leads of a tenant, per lead in occurrence order (event-based training). */
    public Uni<List<LeadEvent>> histories(String tenantId, List<UUID> leadIds) {
        return find("tenantId = ?1 and leadId in ?2 order by leadId, occurredAt, id", tenantId, leadIds).list();
    }
}

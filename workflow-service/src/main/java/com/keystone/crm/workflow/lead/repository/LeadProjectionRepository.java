package com.keystone.crm.workflow.lead.repository;

import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class LeadProjectionRepository implements PanacheRepositoryBase<LeadProjection, UUID> {
    /** The lead if it belongs to the tenant, else null (a lead id of another tenant is unknown here). */
    public Uni<LeadProjection> findInTenant(String tenantId, UUID leadId) {
        return findById(leadId).map(l -> l != null && l.tenantId.equals(tenantId) ? l : null);
    }
}

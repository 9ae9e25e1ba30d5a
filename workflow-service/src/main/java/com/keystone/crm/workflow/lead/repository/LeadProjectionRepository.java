package com.keystone.crm.workflow.lead.repository;

import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadProjectionRepository implements PanacheRepositoryBase<LeadProjection, UUID> {
    /** The lead if it belongs to the tenant, else null (a lead id of another tenant is unknown here). */
    public Uni<LeadProjection> findInTenant(String tenantId, UUID leadId) {
        return findById(leadId).map(l -> l != null && l.tenantId.equals(tenantId) ? l : null);
    }

    /** The tenant's live leads after {@code afterLeadId} (null: from the first) in id order: a sweep's next batch. */
    public Uni<List<LeadProjection>> walk(String tenantId, UUID afterLeadId, int size) {
        return (afterLeadId == null
                ? find("tenantId = ?1 and deleted = false order by leadId", tenantId)
                : find("tenantId = ?1 and deleted = false and leadId > ?2 order by leadId", tenantId, afterLeadId))
                .page(io.quarkus.panache.common.Page.ofSize(size)).list();
    }
}

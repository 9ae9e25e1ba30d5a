package com.keystone.crm.workflow.lead.repository;

import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadProjectionRepository implements PanacheRepositoryBase<LeadProjection, UUID> {
    /** A lead's first row; a row made meanwhile by another transaction is waited for and left alone. */
    static final String INSERT_IF_ABSENT = "INSERT INTO lead_projection (lead_id, tenant_id, created_at, updated_at) "
            + "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (lead_id) DO NOTHING";

    /**
     * The lead's row, locked until the transaction ends: the intakes of one lead's events, which arrive on several
     * topics at once (lead.created, lead.scored, lead.status-changed, ...), apply one after the other, none
     * overwriting another's change. Null when there is none.
     */
    public Uni<LeadProjection> lock(UUID leadId) {
        return find("leadId = ?1", leadId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Makes the lead's row unless it exists (or is being made: then waits for that maker's commit). */
    public Uni<Void> insertIfAbsent(UUID leadId, String tenantId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter(1, leadId).setParameter(2, tenantId).setParameter(3, now)
                .executeUpdate()).replaceWithVoid();
    }

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

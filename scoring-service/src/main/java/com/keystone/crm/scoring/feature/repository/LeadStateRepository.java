package com.keystone.crm.scoring.feature.repository;

import com.keystone.crm.scoring.feature.domain.LeadState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.LockModeType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadStateRepository implements PanacheRepositoryBase<LeadState, UUID> {
    /**
     * The lead's state row, created empty if new, locked for this transaction: consumers of different topics
     * applying events of one lead at once take turns instead of racing to insert it.
     */
    public Uni<LeadState> lockOrCreate(String tenantId, UUID leadId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO lead_state (lead_id, tenant_id, lead_version, "
                                + "deleted, updated_at) VALUES (:lead, :tenant, 0, false, :now) ON CONFLICT (lead_id) DO NOTHING")
                        .setParameter("lead", leadId).setParameter("tenant", tenantId).setParameter("now", now)
                        .executeUpdate())
                .chain(() -> findById(leadId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The lead if it belongs to the tenant, else null. */
    public Uni<LeadState> findInTenant(String tenantId, UUID leadId) {
        return find("leadId = ?1 and tenantId = ?2", leadId, tenantId).firstResult();
    }

    /** Live leads of the tenant created before {@code before}, oldest first. */
    public Uni<List<LeadState>> createdBefore(String tenantId, Instant before) {
        return find("tenantId = ?1 and deleted = false and createdAt is not null and createdAt <= ?2 order by createdAt, leadId",
                tenantId, before).list();
    }

    /** Leads created after {@code after} and at or before {@code before}, oldest first. */
    public Uni<List<LeadState>> createdBetween(String tenantId, Instant after, Instant before) {
        return find("tenantId = ?1 and deleted = false and createdAt is not null and createdAt > ?2 and createdAt <= ?3 "
                + "order by createdAt, leadId", tenantId, after, before).list();
    }
}

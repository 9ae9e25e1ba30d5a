package com.keystone.crm.scoring.feature.repository;

import com.keystone.crm.scoring.feature.domain.LeadState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadStateRepository implements PanacheRepositoryBase<LeadState, UUID> {
    /** The lead if it belongs to the tenant, else null. */
    public Uni<LeadState> findInTenant(String tenantId, UUID leadId) {
        return find("leadId = ?1 and tenantId = ?2", leadId, tenantId).firstResult();
    }

    /** Live leads of the tenant created before {@code before}, oldest first. */
    public Uni<List<LeadState>> createdBefore(String tenantId, Instant before) {
        return find("tenantId = ?1 and deleted = false and createdAt is not null and createdAt <= ?2 order by createdAt, leadId",
                tenantId, before).list();
    }
}

package com.keystone.crm.scoring.drift.repository;

import com.keystone.crm.scoring.drift.domain.DriftCheck;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DriftCheckRepository implements PanacheRepositoryBase<DriftCheck, UUID> {
    /** The tenant's newest checks. */
    public Uni<List<DriftCheck>> newestFirst(String tenantId, int limit) {
        return find("tenantId = ?1 order by checkedAt desc, id", tenantId).range(0, limit - 1).list();
    }
}

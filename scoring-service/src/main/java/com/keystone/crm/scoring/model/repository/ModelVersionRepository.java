package com.keystone.crm.scoring.model.repository;

import com.keystone.crm.scoring.model.domain.ModelVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ModelVersionRepository implements PanacheRepositoryBase<ModelVersion, UUID> {
    public Uni<ModelVersion> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<ModelVersion> champion(String tenantId) {
        return find("tenantId = ?1 and status = ?2", tenantId, ModelVersion.CHAMPION).firstResult();
    }

    public Uni<ModelVersion> challenger(String tenantId) {
        return find("tenantId = ?1 and status = ?2", tenantId, ModelVersion.CHALLENGER).firstResult();
    }

    /** The tenant's models, newest first (at most 200). */
    public Uni<List<ModelVersion>> newestFirst(String tenantId) {
        return find("tenantId = ?1 order by version desc", tenantId).range(0, 199).list();
    }

    public Uni<Integer> nextVersion(String tenantId) {
        return find("select coalesce(max(version), 0) from ModelVersion where tenantId = ?1", tenantId)
                .project(Integer.class).firstResult().map(v -> v == null ? 1 : v + 1);
    }

    /** The champion's current role ends (retired) before another takes it: one champion per tenant. */
    public Uni<Integer> retireChampion(String tenantId) {
        return update("status = ?1 where tenantId = ?2 and status = ?3", ModelVersion.RETIRED, tenantId, ModelVersion.CHAMPION);
    }
}

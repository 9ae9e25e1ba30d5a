package com.keystone.crm.scoring.model.repository;

import com.keystone.crm.scoring.model.domain.ModelAuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ModelAuditRepository implements PanacheRepositoryBase<ModelAuditEntry, UUID> {
    public Uni<List<ModelAuditEntry>> newestFirst(String tenantId) {
        return find("tenantId = ?1 order by at desc, id desc", tenantId).range(0, 199).list();
    }
}

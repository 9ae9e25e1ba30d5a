package com.keystone.crm.lead.lead.repository;

import com.keystone.crm.lead.lead.domain.Lead;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, UUID> {
    /** A live (not deleted) lead of the tenant, or null. */
    public Uni<Lead> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2 and deletedAt is null", id, tenantId).firstResult();
    }
}

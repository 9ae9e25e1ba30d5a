package com.keystone.crm.lead.directory.repository;

import com.keystone.crm.lead.directory.domain.Agent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {
    /** An active user of the tenant, or null. */
    public Uni<Agent> findActiveInTenant(String tenantId, String userId) {
        return find("userId = ?1 and tenantId = ?2 and active = true", userId, tenantId).firstResult();
    }
}

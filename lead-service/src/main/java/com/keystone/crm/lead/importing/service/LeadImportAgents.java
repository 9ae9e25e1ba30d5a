package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * The assignee a CSV names: the previous CRM knows our users by email rather than by id, so either names an
 * active user of the tenant.
 */
@ApplicationScoped
public class LeadImportAgents {
    private final AgentRepository agents;

    public LeadImportAgents(AgentRepository agents) {
        this.agents = agents;
    }

    /** The active user with this id or email in the tenant, or null. */
    public Uni<Agent> find(String tenantId, String ref) {
        return agents.find("tenantId = ?1 and active = true and (userId = ?2 or lower(email) = ?3) order by userId",
                tenantId, ref, ref.trim().toLowerCase(Locale.ROOT)).firstResult();
    }
}

package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;

/**
 * Who may be given leads (by a rule, a group or by hand): an active user of the tenant with the agent or
 * team-lead role. Anyone else named as a target is a 422, so a typo never silently drops leads.
 */
@ApplicationScoped
public class AssignmentEligibility {
    private final AgentRepository agents;

    public AssignmentEligibility(AgentRepository agents) {
        this.agents = agents;
    }

    public Uni<Agent> requireAssignable(String tenantId, String userId, String field) {
        return agents.findActiveInTenant(tenantId, userId).map(agent -> {
            if (agent == null || !takesLeads(agent)) {
                throw ProblemException.unprocessable("unknown-agent", field + " " + userId
                        + " is not an active agent of this tenant");
            }
            return agent;
        });
    }

    static boolean takesLeads(Agent agent) {
        return agent.roles != null && Arrays.stream(agent.roles.split(","))
                .map(String::trim).anyMatch(r -> r.equals(Caller.AGENT) || r.equals(Caller.TEAM_LEAD));
    }
}

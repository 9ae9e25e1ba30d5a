package com.keystone.crm.lead.task.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who a caller may give a task to: an agent only themselves, a team lead themselves or their team, an admin any
 * active user of the tenant (the agent table, projected from the gateway's users).
 */
@ApplicationScoped
public class TaskAssignees {
    private final AgentRepository agents;

    public TaskAssignees(AgentRepository agents) {
        this.agents = agents;
    }

    /** The assignee for a task: the named user, or the caller when none is named. Needs an open session. */
    public Uni<Agent> resolve(Caller caller, String requested) {
        String target = requested == null ? caller.userId() : requested;
        boolean self = target.equals(caller.userId());
        if (!self && !caller.isAdmin() && !caller.isTeamLead()) {
            throw ProblemException.forbidden("assignment-not-allowed", "An agent can only assign tasks to themselves");
        }
        return agents.findActiveInTenant(caller.tenantId(), target).map(agent -> {
            if (agent == null) {
                throw ProblemException.unprocessable("unknown-agent", (self ? "You are" : "assigneeId " + target + " is")
                        + " not an active user of this tenant");
            }
            if (!self && !caller.isAdmin() && !caller.teamId().map(t -> t.equals(agent.teamId)).orElse(false)) {
                throw ProblemException.forbidden("assignment-not-allowed", "A team lead can only assign tasks to their team");
            }
            return agent;
        });
    }
}

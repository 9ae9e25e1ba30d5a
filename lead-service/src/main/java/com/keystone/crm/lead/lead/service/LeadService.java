package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.api.CreateLeadRequest;
import com.keystone.crm.lead.lead.api.LeadView;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Creating and reading leads; each change and its event commit in one transaction. */
@ApplicationScoped
public class LeadService {
    public static final String IDEMPOTENCY_SCOPE = "lead.create";

    private final AgentRepository agents;
    private final TenantGuard tenantGuard;
    private final LeadFinder finder;
    private final LeadCreation creation;

    public LeadService(AgentRepository agents, TenantGuard tenantGuard, LeadFinder finder, LeadCreation creation) {
        this.agents = agents;
        this.tenantGuard = tenantGuard;
        this.finder = finder;
        this.creation = creation;
    }

    /** Creates a lead (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<LeadView> create(Caller caller, CreateLeadRequest request) {
        String tenantId = caller.tenantId();
        String userId = caller.userId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> resolveAssignee(caller, request))
                .chain(assignee -> insert(tenantId, userId, request, assignee))
                .map(LeadView::of);
    }

    @WithSession
    public Uni<LeadView> get(Caller caller, UUID id) {
        return finder.visible(caller, id).map(LeadView::of);
    }

    /**
     * An agent's new lead is theirs; a team lead or admin may name an active agent of the tenant. Routing rules
     * (issue 3) will assign leads created without one.
     */
    private Uni<Agent> resolveAssignee(Caller caller, CreateLeadRequest request) {
        String requested = request.assignedAgentId();
        if (requested == null) {
            return caller.isAdmin() ? Uni.createFrom().nullItem() : agents.findActiveInTenant(caller.tenantId(), caller.userId());
        }
        if (!caller.isAdmin() && !caller.isTeamLead() && !requested.equals(caller.userId())) {
            throw ProblemException.forbidden("assignment-not-allowed", "An agent can only create leads assigned to themselves");
        }
        return agents.findActiveInTenant(caller.tenantId(), requested).map(agent -> {
            if (agent == null) {
                throw ProblemException.unprocessable("unknown-agent", "assignedAgentId " + requested
                        + " is not an active user of this tenant");
            }
            return agent;
        });
    }

    private Uni<Lead> insert(String tenantId, String userId, CreateLeadRequest request, Agent assignee) {
        return creation.insert(new NewLead(tenantId, userId, request.source(), request.profile(), assignee, null, null, false));
    }

}

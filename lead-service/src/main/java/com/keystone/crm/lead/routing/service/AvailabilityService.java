package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.routing.api.AvailabilityRequest;
import com.keystone.crm.lead.routing.api.AvailabilityView;
import com.keystone.crm.lead.routing.domain.AgentAvailability;
import com.keystone.crm.lead.routing.repository.AgentAvailabilityRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Pausing an agent (vacation) and resuming: by the agent, their team lead or an admin. Anyone else, and any user
 * outside the caller's tenant, gets a 404, as for any data the caller may not see.
 */
@ApplicationScoped
public class AvailabilityService {
    private final AgentRepository agents;
    private final AgentAvailabilityRepository availabilities;
    private final TenantGuard tenantGuard;
    private final CrmClock clock;

    public AvailabilityService(AgentRepository agents, AgentAvailabilityRepository availabilities,
                               TenantGuard tenantGuard, CrmClock clock) {
        this.clock = clock;
        this.agents = agents;
        this.availabilities = availabilities;
        this.tenantGuard = tenantGuard;
    }

    @WithSession
    public Uni<AvailabilityView> get(Caller caller, String userId) {
        Instant now = clock.now();
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> manageable(caller, userId))
                .chain(agent -> availabilities.findById(userId).map(a -> AvailabilityView.of(agent, a, now)));
    }

    /** If-Match is optional here: a pause is one person's switch the app flips without reading first. */
    @WithTransaction
    public Uni<AvailabilityView> set(Caller caller, String userId, AvailabilityRequest request, String ifMatch) {
        Instant now = clock.now();
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> manageable(caller, userId))
                .chain(agent -> availabilities.findById(userId).chain(existing -> {
                    RoutingPreconditions.check(ifMatch, existing == null ? 0 : existing.aggregateVersion(), false);
                    AgentAvailability a = existing != null ? existing : new AgentAvailability();
                    a.userId = userId;
                    a.tenantId = agent.tenantId;
                    a.paused = request.paused();
                    a.pausedUntil = request.paused() ? request.until() : null;
                    a.updatedBy = caller.userId();
                    a.updatedAt = now;
                    Uni<AgentAvailability> saved = existing != null ? Uni.createFrom().item(a) : availabilities.persist(a);
                    return saved.call(RoutingPreconditions::flush).map(s -> AvailabilityView.of(agent, s, now));
                }));
    }

    /** The user, if the caller may manage their availability; else 404. */
    private Uni<Agent> manageable(Caller caller, String userId) {
        return agents.findById(userId).map(agent -> {
            if (agent == null || !agent.tenantId.equals(caller.tenantId()) || !mayManage(caller, agent)) {
                throw ProblemException.notFound("Agent " + userId);
            }
            return agent;
        });
    }

    static boolean mayManage(Caller caller, Agent agent) {
        if (caller.isAdmin() || caller.userId().equals(agent.userId)) {
            return true;
        }
        return caller.isTeamLead() && agent.teamId != null && caller.teamId().map(agent.teamId::equals).orElse(false);
    }
}

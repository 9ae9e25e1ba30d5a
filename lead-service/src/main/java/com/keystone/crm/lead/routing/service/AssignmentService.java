package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.routing.api.AssignmentRequest;
import com.keystone.crm.lead.routing.api.AssignmentResult;
import com.keystone.crm.lead.routing.api.AssignmentView;
import com.keystone.crm.lead.routing.repository.AssignmentDecisionRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Manual reassignment of a lead, and the history of a lead's assignment decisions. */
@ApplicationScoped
public class AssignmentService {
    static final String LIST = "assignments";
    private final LeadFinder finder;
    private final AssignmentEligibility eligibility;
    private final AssignmentRecorder recorder;
    private final AssignmentDecisionRepository decisions;
    private final TenantGuard tenantGuard;
    private final CursorCodec cursorCodec;

    public AssignmentService(LeadFinder finder, AssignmentEligibility eligibility, AssignmentRecorder recorder,
                             AssignmentDecisionRepository decisions, TenantGuard tenantGuard, CursorCodec cursorCodec) {
        this.cursorCodec = cursorCodec;
        this.finder = finder;
        this.eligibility = eligibility;
        this.recorder = recorder;
        this.decisions = decisions;
        this.tenantGuard = tenantGuard;
    }

    /**
     * A team lead may hand a lead they can see to an agent of their own team; an admin any lead to any agent.
     * Reassigning to the current assignee changes nothing (a retried request is harmless). If-Match is optional.
     */
    @WithTransaction
    public Uni<AssignmentResult> reassign(Caller caller, UUID leadId, AssignmentRequest request, String ifMatch) {
        String tenantId = caller.tenantId();
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> finder.visible(caller, leadId))
                .invoke(lead -> RoutingPreconditions.check(ifMatch, lead.aggregateVersion(), false))
                .chain(lead -> eligibility.requireAssignable(tenantId, request.agentId(), "agentId")
                        .chain(agent -> {
                            requireOwnTeam(caller, agent);
                            if (agent.userId.equals(lead.assignedAgentId) && Objects.equals(agent.teamId, lead.teamId)) {
                                return Uni.createFrom().item(AssignmentResult.of(lead, null));
                            }
                            return recorder.assign(lead, agent, AssignmentRecorder.Decision.manual(reason(caller, lead, agent)),
                                            caller.userId(), caller.userId())
                                    .map(d -> AssignmentResult.of(lead, AssignmentView.of(d)));
                        }));
    }

    /** Newest first, for anyone who can see the lead. */
    @WithSession
    public Uni<Page<AssignmentView>> history(Caller caller, UUID leadId, int limit, String cursor) {
        Keyset keyset = cursorCodec.list(LIST);
        Cursor before = keyset.decode(cursor);
        Instant at = before == null ? null : before.instant(0);
        UUID id = before == null ? null : before.uuid();
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> finder.visible(caller, leadId))
                .chain(lead -> decisions.page(lead.id, at, id, limit + 1))
                .map(found -> keyset.page(found.stream().map(AssignmentView::of).toList(), limit, v -> v,
                        v -> Cursor.at(v.id(), v.decidedAt())));
    }

    private static void requireOwnTeam(Caller caller, Agent agent) {
        if (caller.isAdmin()) {
            return;
        }
        boolean ownTeam = agent.teamId != null && caller.teamId().map(agent.teamId::equals).orElse(false);
        if (!ownTeam) {
            throw ProblemException.forbidden("assignment-not-allowed",
                    "A team lead can only assign leads to agents of their own team");
        }
    }

    private static String reason(Caller caller, Lead lead, Agent agent) {
        String role = caller.isAdmin() ? "admin" : "team lead";
        return "reassigned by " + role + " " + caller.userId() + " from "
                + (lead.assignedAgentId == null ? "nobody" : lead.assignedAgentId) + " to " + agent.userId;
    }
}

package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.routing.domain.AssignmentDecision;
import com.keystone.crm.lead.routing.domain.AssignmentMethod;
import com.keystone.crm.lead.routing.repository.AssignmentDecisionRepository;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.EventTypes;
import com.keystone.crm.platform.contracts.events.LeadAssigned;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Carries out an assignment decision inside the caller's transaction: the lead changes hands (a new version), the
 * decision is stored with its reason, {@code lead.assigned} is published and the lead's timeline gets an
 * {@code assignment} entry. A routing decision that found nobody is stored too, but changes and publishes nothing.
 */
@ApplicationScoped
public class AssignmentRecorder {
    public static final String ROUTING_ACTOR = "routing";
    static final String ACTIVITY_TYPE = "assignment";
    static final int MAX_REASON = 1000;

    private final AssignmentDecisionRepository decisions;
    private final OutboxWriter outbox;
    private final ActivityRecorder activities;
    private final CrmClock clock;

    public AssignmentRecorder(AssignmentDecisionRepository decisions, OutboxWriter outbox,
                              ActivityRecorder activities, CrmClock clock) {
        this.clock = clock;
        this.decisions = decisions;
        this.outbox = outbox;
        this.activities = activities;
    }

    /** What was decided, before it is applied. {@code rule}/{@code group} fields are null for a manual decision. */
    public record Decision(AssignmentMethod method, UUID ruleId, String ruleName, UUID groupId, String groupName,
                           String reason) {
        public static Decision manual(String reason) {
            return new Decision(AssignmentMethod.MANUAL, null, null, null, null, reason);
        }
    }

    /**
     * @param assignedBy {@link #ROUTING_ACTOR} for a rule decision, else the user who reassigned
     * @param actorId    the user whose request caused it
     */
    public Uni<AssignmentDecision> assign(Lead lead, Agent agent, Decision decision, String assignedBy, String actorId) {
        Instant now = clock.now();
        String previous = lead.assignedAgentId;
        lead.assignedAgentId = agent.userId;
        lead.teamId = agent.teamId;
        lead.updatedAt = now;
        // set here rather than by the timeline entry below, which would change the lead again after the flush
        if (lead.lastActivityAt == null || now.isAfter(lead.lastActivityAt)) {
            lead.lastActivityAt = now;
        }
        // flushed now so that the decision, the event and the caller's response carry the version being committed
        return RoutingPreconditions.flush()
                .chain(() -> store(lead, agent.userId, previous, agent.teamId, decision, assignedBy, actorId, now))
                .call(d -> outbox.append(OutboxEvent.of("lead", lead.id.toString(), payload(d))))
                .call(d -> activities.record(lead, ACTIVITY_TYPE, summary(d), actorId, now, null, null))
                // the timeline entry may not change the lead again; if it did, the response must still show the committed version
                .call(RoutingPreconditions::flush);
    }

    /** A routing decision that found nobody available: kept in the history, the lead stays unassigned. */
    public Uni<AssignmentDecision> leaveUnassigned(Lead lead, Decision decision, String actorId) {
        Instant now = clock.now();
        return store(lead, null, lead.assignedAgentId, lead.teamId, decision, ROUTING_ACTOR, actorId, now);
    }

    private Uni<AssignmentDecision> store(Lead lead, String agentId, String previous, String teamId, Decision decision,
                                          String assignedBy, String actorId, Instant now) {
        AssignmentDecision d = new AssignmentDecision();
        d.id = UUID.randomUUID();
        d.tenantId = lead.tenantId;
        d.leadId = lead.id;
        d.ruleId = decision.ruleId();
        d.ruleName = decision.ruleName();
        d.groupId = decision.groupId();
        d.groupName = decision.groupName();
        d.agentId = agentId;
        d.previousAgentId = previous;
        d.teamId = teamId;
        d.method = agentId == null ? AssignmentMethod.UNASSIGNED : decision.method();
        d.reason = truncate(decision.reason(), MAX_REASON);
        d.assignedBy = assignedBy;
        d.actorId = actorId;
        d.leadVersion = lead.aggregateVersion();
        d.decidedAt = now;
        return decisions.persist(d);
    }

    /** The lead.assigned payload of a decision that was applied. */
    static LeadAssigned payload(AssignmentDecision d) {
        return LeadAssigned.builder()
                .withLeadId(d.leadId)
                .withTenantId(d.tenantId)
                .withVersion(d.leadVersion)
                .withOccurredAt(d.decidedAt)
                .withAssignedAgentId(d.agentId)
                .withPreviousAgentId(d.previousAgentId)
                .withTeamId(d.teamId)
                .withMethod(LeadAssigned.Method.fromValue(d.method.wire()))
                .withAssignedBy(d.assignedBy)
                .withRuleId(d.ruleId == null ? null : d.ruleId.toString())
                .withRuleName(d.ruleName)
                .withGroupId(d.groupId == null ? null : d.groupId.toString())
                .withReason(d.reason)
                .build();
    }

    static String summary(AssignmentDecision d) {
        String how = switch (d.method) {
            case MANUAL -> "by " + d.assignedBy;
            case DIRECT -> "by rule '" + d.ruleName + "'";
            case ROUND_ROBIN -> "by rule '" + d.ruleName + "', group '" + d.groupName + "' round robin";
            case WEIGHTED_ROUND_ROBIN -> "by rule '" + d.ruleName + "', group '" + d.groupName + "' weighted round robin";
            case UNASSIGNED -> "nobody";
        };
        return truncate("Assigned to " + d.agentId + " " + how, 500);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

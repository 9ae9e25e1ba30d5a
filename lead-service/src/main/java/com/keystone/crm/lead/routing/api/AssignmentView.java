package com.keystone.crm.lead.routing.api;

import com.keystone.crm.lead.routing.domain.AssignmentDecision;
import com.keystone.crm.lead.routing.domain.AssignmentMethod;

import java.time.Instant;
import java.util.UUID;

/**
 * One assignment decision of a lead: who got it (null when nobody was available), how, by which rule and group
 * (as named then), why, and who caused it ({@code assignedBy} is 'routing' for rule decisions).
 */
public record AssignmentView(UUID id, UUID leadId, String agentId, String previousAgentId, String teamId,
                             AssignmentMethod method, UUID ruleId, String ruleName, UUID groupId, String groupName,
                             String reason, String assignedBy, String actorId, long leadVersion, Instant decidedAt) {

    public static AssignmentView of(AssignmentDecision d) {
        return new AssignmentView(d.id, d.leadId, d.agentId, d.previousAgentId, d.teamId, d.method, d.ruleId,
                d.ruleName, d.groupId, d.groupName, d.reason, d.assignedBy, d.actorId, d.leadVersion, d.decidedAt);
    }
}

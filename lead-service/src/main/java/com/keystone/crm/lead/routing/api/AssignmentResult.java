package com.keystone.crm.lead.routing.api;

import com.keystone.crm.lead.lead.domain.Lead;

import java.util.UUID;

/**
 * The answer to a reassignment: the lead's assignee and version now, and the decision it made (null when the
 * lead already had that agent, so a retried request changes nothing).
 */
public record AssignmentResult(UUID leadId, String assignedAgentId, String teamId, long version, AssignmentView decision) {
    public static AssignmentResult of(Lead lead, AssignmentView decision) {
        return new AssignmentResult(lead.id, lead.assignedAgentId, lead.teamId, lead.aggregateVersion(), decision);
    }

    public String etag() {
        return Long.toString(version);
    }
}

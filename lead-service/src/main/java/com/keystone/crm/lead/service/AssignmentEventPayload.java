package com.keystone.crm.lead.service;

import com.keystone.crm.lead.domain.AssignmentDecision;

import java.time.Instant;
import java.util.UUID;

/**
 * The payload of {@code lead.assigned} (platform/contracts schemas/lead.assigned.schema.json). Nullable fields are
 * sent as null rather than left out: "no previous agent" and "no rule" are facts consumers can read.
 */
public record AssignmentEventPayload(UUID leadId, String tenantId, long version, Instant occurredAt,
                                     String assignedAgentId, String previousAgentId, String teamId, String method,
                                     String assignedBy, String ruleId, String ruleName, String groupId, String reason) {
    static AssignmentEventPayload of(AssignmentDecision d) {
        return new AssignmentEventPayload(d.leadId, d.tenantId, d.leadVersion, d.decidedAt, d.agentId,
                d.previousAgentId, d.teamId, d.method.wire(), d.assignedBy,
                d.ruleId == null ? null : d.ruleId.toString(), d.ruleName,
                d.groupId == null ? null : d.groupId.toString(), d.reason);
    }
}

package com.keystone.crm.lead.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.keystone.crm.lead.domain.Task;

import java.time.Instant;
import java.util.UUID;

/** The payload of {@code task.completed} (platform/contracts schemas/task.completed.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskCompletedPayload(UUID taskId, String tenantId, long version, Instant occurredAt, UUID leadId,
                                   String completedBy, String assigneeId, String title, String outcome,
                                   UUID requestId) {
    /** After the flush that bumped the task's version. */
    static TaskCompletedPayload of(Task t) {
        return new TaskCompletedPayload(t.id, t.tenantId, t.aggregateVersion(), t.completedAt, t.leadId, t.completedBy,
                t.assigneeId, t.title, t.outcome, t.requestId);
    }
}

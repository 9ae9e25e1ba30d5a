package com.keystone.crm.lead.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.keystone.crm.lead.domain.Task;

import java.time.Instant;
import java.util.UUID;

/** The payload of {@code task.created} (platform/contracts schemas/task.created.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskCreatedPayload(UUID taskId, String tenantId, long version, Instant occurredAt, UUID leadId,
                                 String title, String description, String taskType, Instant dueAt, String priority,
                                 String assigneeId, String createdBy, UUID requestId) {
    static TaskCreatedPayload of(Task t) {
        return new TaskCreatedPayload(t.id, t.tenantId, t.aggregateVersion(), t.createdAt, t.leadId, t.title,
                t.description, t.taskType, t.dueAt, t.priority.wire(), t.assigneeId, t.createdBy, t.requestId);
    }
}

package com.keystone.crm.lead.task.api;

import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.lead.task.domain.TaskPriority;
import com.keystone.crm.lead.task.domain.TaskStatus;

import java.time.Instant;
import java.util.UUID;

/** A task as the app sees it; {@code overdue} is open and past its due time at the moment of the answer. */
public record TaskView(UUID id, UUID leadId, String title, String description, String taskType, Instant dueAt,
                       TaskPriority priority, TaskStatus status, boolean overdue, String assigneeId, String createdBy,
                       Instant createdAt, Instant updatedAt, Instant completedAt, String completedBy, String outcome,
                       UUID requestId, long version) {

    public static TaskView of(Task t, Instant now) {
        return new TaskView(t.id, t.leadId, t.title, t.description, t.taskType, t.dueAt, t.priority, t.status,
                t.isOverdue(now), t.assigneeId, t.createdBy, t.createdAt, t.updatedAt, t.completedAt, t.completedBy,
                t.outcome, t.requestId, t.aggregateVersion());
    }

    public String etag() {
        return Long.toString(version);
    }
}

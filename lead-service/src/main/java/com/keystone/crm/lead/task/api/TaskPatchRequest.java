package com.keystone.crm.lead.task.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.task.domain.TaskPriority;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The body of PATCH /api/v1/tasks/{id}: the fields to change; absent or null ones stay as they are. An empty
 * description clears it (a task always has a title, due time, priority and assignee).
 */
public record TaskPatchRequest(
        @Size(min = 1, max = 500) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @Size(max = 5000) String description,
        Instant dueAt,
        TaskPriority priority,
        @Size(min = 1, max = 64) String assigneeId,
        @Size(max = 50) @Pattern(regexp = TaskCreateRequest.TASK_TYPE, message = "must be kebab-case, e.g. call, follow-up, showing")
        String taskType) {

    @JsonIgnore
    @AssertTrue(message = "name at least one field to change")
    public boolean isAnyChange() {
        return title != null || description != null || dueAt != null || priority != null || assigneeId != null
                || taskType != null;
    }
}

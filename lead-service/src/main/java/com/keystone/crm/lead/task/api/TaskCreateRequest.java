package com.keystone.crm.lead.task.api;

import com.keystone.crm.lead.task.domain.TaskPriority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** The body of POST /api/v1/tasks. Priority defaults to normal, the assignee to the caller. */
public record TaskCreateRequest(
        @NotBlank @Size(max = 500) String title,
        @Size(max = 5000) String description,
        UUID leadId,
        @NotNull Instant dueAt,
        TaskPriority priority,
        @Size(max = 64) String assigneeId,
        @Size(max = 50) @Pattern(regexp = TaskCreateRequest.TASK_TYPE, message = "must be kebab-case, e.g. call, follow-up, showing")
        String taskType) {

    static final String TASK_TYPE = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
}

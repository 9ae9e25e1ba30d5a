package com.keystone.crm.lead.task.repository;

import com.keystone.crm.lead.task.domain.TaskStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * What a task list selects inside a tenant. Who: {@code assigneeId} (exactly that user's tasks), or
 * {@code visibleTo} (that user's and, with {@code visibleTeam}, the team's current members'), or neither (the
 * whole tenant, for admins). The other fields narrow it; null means no condition.
 */
public record TaskFilter(String tenantId, String assigneeId, String visibleTo, String visibleTeam, UUID leadId,
                         TaskStatus status, Instant dueBefore, Instant dueAfter, Boolean overdue,
                         Instant updatedSince, Instant now) {
}

package com.keystone.crm.lead.task.messaging;

import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.events.TaskCompleted;
import com.keystone.crm.platform.contracts.events.TaskCreated;
import com.keystone.crm.platform.contracts.events.TaskPriority;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The task events, keyed by task id, appended to the outbox in the caller's transaction. The contract has
 * task.created and task.completed only: edits and reopening publish nothing (a task.created for a reopened task
 * would count as a second task downstream); a task.updated event would be an additive contract change.
 */
@ApplicationScoped
public class TaskEvents {
    static final String AGGREGATE = "task";

    private final OutboxWriter outbox;

    public TaskEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Task t) {
        return outbox.append(OutboxEvent.of(AGGREGATE, t.id.toString(), createdPayload(t)));
    }

    /** Call after the flush of the completion, so the event carries the version it produced. */
    public Uni<Void> completed(Task t) {
        return outbox.append(OutboxEvent.of(AGGREGATE, t.id.toString(), completedPayload(t)));
    }

    static TaskCreated createdPayload(Task t) {
        return TaskCreated.builder()
                .withTaskId(t.id)
                .withTenantId(t.tenantId)
                .withVersion(t.aggregateVersion())
                .withOccurredAt(t.createdAt)
                .withLeadId(t.leadId)
                .withTitle(t.title)
                .withDescription(t.description)
                .withTaskType(t.taskType)
                .withDueAt(t.dueAt)
                .withPriority(TaskPriority.fromValue(t.priority.wire()))
                .withAssigneeId(t.assigneeId)
                .withCreatedBy(t.createdBy)
                .withRequestId(t.requestId)
                .build();
    }

    static TaskCompleted completedPayload(Task t) {
        return TaskCompleted.builder()
                .withTaskId(t.id)
                .withTenantId(t.tenantId)
                .withVersion(t.aggregateVersion())
                .withOccurredAt(t.completedAt)
                .withLeadId(t.leadId)
                .withCompletedBy(t.completedBy)
                .withAssigneeId(t.assigneeId)
                .withTitle(t.title)
                .withOutcome(t.outcome)
                .withRequestId(t.requestId)
                .build();
    }
}

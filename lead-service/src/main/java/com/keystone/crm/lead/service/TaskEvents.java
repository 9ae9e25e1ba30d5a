package com.keystone.crm.lead.service;

import com.keystone.crm.lead.domain.Task;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.EventTypes;
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
        return outbox.append(OutboxEvent.of(EventTypes.TASK_CREATED, AGGREGATE, t.id.toString(), t.tenantId, t.createdAt,
                TaskCreatedPayload.of(t)));
    }

    /** Call after the flush of the completion, so the event carries the version it produced. */
    public Uni<Void> completed(Task t) {
        return outbox.append(OutboxEvent.of(EventTypes.TASK_COMPLETED, AGGREGATE, t.id.toString(), t.tenantId,
                t.completedAt, TaskCompletedPayload.of(t)));
    }
}

package com.keystone.crm.lead.task.messaging;

import com.keystone.crm.lead.task.service.TaskRequests;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.TaskRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** task.requested from workflow-service: a task on the lead, once per requestId. */
@ApplicationScoped
public class TaskRequestedConsumer {
    static final String HANDLER = "task-requests";

    private final IdempotentConsumer consumer;
    private final TaskRequests requests;

    public TaskRequestedConsumer(IdempotentConsumer consumer, TaskRequests requests) {
        this.consumer = consumer;
        this.requests = requests;
    }

    @Incoming("task-requested")
    public Uni<Void> onTaskRequested(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, TaskRequested.class, requests::apply);
    }
}

package com.keystone.crm.lead.task.service;

import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.lead.task.domain.TaskPriority;
import com.keystone.crm.lead.task.domain.TaskStatus;
import com.keystone.crm.lead.task.messaging.TaskEvents;
import com.keystone.crm.lead.task.repository.TaskRepository;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.TaskRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Applies a task.requested command (from workflow-service) inside the consumer's transaction: one task per
 * requestId, published as task.created with that requestId. The inbox drops a redelivered event; the lookup by
 * requestId (backed by a unique constraint) drops a second command with the same requestId under another event id.
 */
@ApplicationScoped
public class TaskRequests {
    private static final Logger LOG = Logger.getLogger(TaskRequests.class);

    private final TaskRepository tasks;
    private final LeadRepository leads;
    private final AgentRepository agents;
    private final TaskEvents events;
    private final CrmClock clock;

    public TaskRequests(TaskRepository tasks, LeadRepository leads, AgentRepository agents, TaskEvents events,
                        CrmClock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.leads = leads;
        this.agents = agents;
        this.events = events;
    }

    public Uni<Void> apply(IncomingEvent<TaskRequested> event) {
        TaskRequested p = event.payload();
        String tenantId = p.getTenantId();
        UUID leadId = p.getLeadId();
        UUID requestId = p.getRequestId();
        return tasks.findByRequest(tenantId, requestId).chain(existing -> {
            if (existing != null) {
                LOG.infof("task.requested %s of tenant %s already made task %s; ignored", requestId, tenantId, existing.id);
                return Uni.createFrom().voidItem();
            }
            return leads.findInTenant(tenantId, leadId).chain(lead -> {
                if (lead == null) {
                    LOG.warnf("task.requested %s names lead %s, unknown to tenant %s (or deleted); ignored",
                            requestId, leadId, tenantId);
                    return Uni.createFrom().voidItem();
                }
                return assignee(lead, p.getAssigneeId())
                        .chain(assignee -> tasks.persist(task(p, lead, requestId, assignee)))
                        .chain(events::created);
            });
        });
    }

    /**
     * The named assignee if they are an active user of the tenant, else the lead's agent: a workflow naming someone
     * who left still gets its task done. Null (admins see it) when the lead is unassigned too.
     */
    private Uni<String> assignee(Lead lead, String requested) {
        if (requested == null) {
            return Uni.createFrom().item(lead.assignedAgentId);
        }
        return agents.findActiveInTenant(lead.tenantId, requested).map(agent -> {
            if (agent != null) {
                return agent.userId;
            }
            LOG.warnf("task.requested for lead %s names %s, not an active user of tenant %s; the lead's agent %s gets it",
                    lead.id, requested, lead.tenantId, lead.assignedAgentId);
            return lead.assignedAgentId;
        });
    }

    private Task task(TaskRequested p, Lead lead, UUID requestId, String assigneeId) {
        Instant now = clock.now();
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.tenantId = lead.tenantId;
        task.leadId = lead.id;
        task.title = p.getTitle();
        task.description = p.getDescription();
        task.taskType = p.getTaskType();
        // a command without a due time asks for the task now: it is due when it was requested
        task.dueAt = (p.getDueAt() != null ? p.getDueAt() : p.getOccurredAt()).truncatedTo(ChronoUnit.MICROS);
        task.priority = p.getPriority() == null ? TaskPriority.NORMAL : TaskPriority.fromWire(p.getPriority().value());
        task.status = TaskStatus.OPEN;
        task.assigneeId = assigneeId;
        task.createdBy = p.getRequestedBy();
        task.createdAt = now;
        task.updatedAt = now;
        task.requestId = requestId;
        return task;
    }
}

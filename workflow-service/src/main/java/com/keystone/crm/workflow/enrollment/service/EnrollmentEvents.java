package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.LeadStatus;
import com.keystone.crm.platform.contracts.events.LeadUpdateRequested;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.contracts.events.TaskPriority;
import com.keystone.crm.platform.contracts.events.TaskRequested;
import com.keystone.crm.platform.contracts.events.WorkflowEnrollmentChanged;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.service.LeadProjections;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events an enrollment publishes, as the generated contract types. Each step effect carries a request id
 * derived from the enrollment and the step's sequence number: the same step always asks with the same id, so
 * notification-service and lead-service apply it at most once even if it were published twice.
 */
final class EnrollmentEvents {
    private EnrollmentEvents() {
    }

    static UUID requestId(UUID enrollmentId, int seq) {
        return UUID.nameUUIDFromBytes(("workflow-step:" + enrollmentId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static String actor(Enrollment e) {
        return "workflow:" + e.workflowId;
    }

    static OutboxEvent changed(Enrollment e, String from, String reason, String by, Instant now) {
        WorkflowEnrollmentChanged payload = WorkflowEnrollmentChanged.builder()
                .withEnrollmentId(e.id)
                .withTenantId(e.tenantId)
                .withVersion(e.revision)
                .withOccurredAt(now)
                .withWorkflowId(e.workflowId.toString())
                .withWorkflowVersion((long) e.workflowVersion)
                .withLeadId(e.leadId)
                .withFromState(from == null ? null : WorkflowEnrollmentChanged.FromState.fromValue(from))
                .withToState(WorkflowEnrollmentChanged.ToState.fromValue(e.state))
                .withReason(reason)
                .withChangedBy(by)
                .withCurrentStepId(e.currentStepId)
                .build();
        return OutboxEvent.of("enrollment", e.id.toString(), payload);
    }

    static OutboxEvent send(Enrollment e, Definition.Step step, LeadProjection lead, UUID requestId, Instant now) {
        boolean toAgent = "agent".equals(step.to());
        Recipient recipient = toAgent
                ? Recipient.builder().withKind(Recipient.Kind.USER).withUserId(lead.assignedAgentId).build()
                : Recipient.builder().withKind(Recipient.Kind.LEAD).withLeadId(lead.leadId).withTimezone(lead.timeZone)
                        .withEmail(field(lead, LeadProjections.EMAIL)).withPhone(field(lead, LeadProjections.PHONE))
                        .build();
        Map<String, Object> variables = new LinkedHashMap<>();
        if (e.context != null) {
            variables.putAll(e.context);
        }
        if (step.variables() != null) {
            variables.putAll(step.variables());
        }
        NotificationRequested payload = NotificationRequested.builder()
                .withRequestId(requestId)
                .withTenantId(e.tenantId)
                .withVersion(e.revision)
                .withOccurredAt(now)
                .withChannel(Channel.fromValue(step.channel()))
                .withCategory(NotificationRequested.Category.fromValue(
                        step.category() != null ? step.category() : toAgent ? "transactional" : "marketing"))
                .withRecipient(recipient)
                .withTemplateKey(step.templateKey())
                .withTemplateVariables(variables)
                .withRequestedBy(actor(e))
                .withLeadId(lead.leadId)
                .withUserId(toAgent ? lead.assignedAgentId : null)
                .withWorkflowId(e.workflowId.toString())
                .withEnrollmentId(e.id)
                .withStepId(step.id())
                .build();
        return OutboxEvent.of("notification", requestId.toString(), payload);
    }

    private static String field(LeadProjection lead, String name) {
        Object value = lead.fields == null ? null : lead.fields.get(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    static OutboxEvent task(Enrollment e, Definition.Step step, UUID requestId, Instant now) {
        TaskRequested payload = TaskRequested.builder()
                .withLeadId(e.leadId)
                .withTenantId(e.tenantId)
                .withVersion(e.revision)
                .withOccurredAt(now)
                .withRequestId(requestId)
                .withTitle(step.title())
                .withTaskType(step.taskType())
                .withPriority(step.priority() == null ? TaskPriority.NORMAL : TaskPriority.fromValue(step.priority()))
                .withDueAt(step.dueIn() == null ? now : now.plus(Duration.parse(step.dueIn())))
                .withAssigneeId(null)
                .withRequestedBy(actor(e))
                .withWorkflowId(e.workflowId.toString())
                .withEnrollmentId(e.id)
                .withStepId(step.id())
                .build();
        return OutboxEvent.of("lead", e.leadId.toString(), payload);
    }

    static OutboxEvent update(Enrollment e, Definition.Step step, UUID requestId, Instant now) {
        LeadUpdateRequested payload = LeadUpdateRequested.builder()
                .withLeadId(e.leadId)
                .withTenantId(e.tenantId)
                .withVersion(e.revision)
                .withOccurredAt(now)
                .withRequestId(requestId)
                .withStatus(step.status() == null ? null : LeadStatus.fromValue(step.status()))
                .withAddTags(step.addTags())
                .withRemoveTags(step.removeTags())
                .withReason("workflow step " + step.id())
                .withRequestedBy(actor(e))
                .withWorkflowId(e.workflowId.toString())
                .withEnrollmentId(e.id)
                .withStepId(step.id())
                .build();
        return OutboxEvent.of("lead", e.leadId.toString(), payload);
    }
}

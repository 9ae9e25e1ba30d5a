package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.StepExecution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An enrollment as the API shows it; {@code steps} (the history) only on a single read. */
public record EnrollmentView(UUID id, UUID workflowId, int workflowVersion, UUID leadId, String state, String reason,
                             String currentStepId, Instant dueAt, Map<String, Object> waitingFor, String variant,
                             long revision, String enrolledBy, Instant enrolledAt, Instant endedAt, List<StepView> steps) {
    public record StepView(int seq, String stepId, String type, String outcome, String detail, UUID requestId,
                           Instant executedAt) {
        static StepView of(StepExecution x) {
            return new StepView(x.key.seq, x.stepId, x.stepType, x.outcome, x.detail, x.requestId, x.executedAt);
        }
    }

    static EnrollmentView of(Enrollment e) {
        return of(e, null);
    }

    static EnrollmentView of(Enrollment e, List<StepExecution> history) {
        return new EnrollmentView(e.id, e.workflowId, e.workflowVersion, e.leadId, e.state, e.reason, e.currentStepId,
                e.dueAt, e.waitingFor, e.variant, e.revision, e.enrolledBy, e.enrolledAt, e.endedAt,
                history == null ? null : history.stream().map(StepView::of).toList());
    }

    public String etag() {
        return Long.toString(revision);
    }
}

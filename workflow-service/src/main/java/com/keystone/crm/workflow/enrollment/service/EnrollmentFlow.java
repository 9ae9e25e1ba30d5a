package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.StepType;
import com.keystone.crm.workflow.definition.service.Conditions;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.ExitReason;
import com.keystone.crm.workflow.enrollment.domain.StepExecution;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.service.LeadFacts;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state machine of an enrollment, free of I/O: entering a step (which sets the timer), running the current
 * step (its effect as an outbox event and its history row), the exit rules checked before every step, and ending.
 * Callers hold the enrollment's row lock and persist what this produces in the same transaction.
 */
@ApplicationScoped
public class EnrollmentFlow {
    private final Conditions conditions;

    public EnrollmentFlow(Conditions conditions) {
        this.conditions = conditions;
    }

    /** What one call produced: events to append and history rows to persist. */
    public record Effects(List<OutboxEvent> events, List<StepExecution> history) {
    }

    /** Moves to a step and sets its timer; a null step ends the enrollment as completed. */
    public void enter(Enrollment e, Definition d, String stepId, LeadProjection lead, Instant now, Effects out) {
        e.waitingFor = null;
        if (stepId == null) {
            finish(e, EnrollmentState.COMPLETED, ExitReason.COMPLETED, EnrollmentEvents.actor(e), now, out);
            return;
        }
        Definition.Step step = d.step(stepId).orElseThrow(() -> new IllegalStateException("no step " + stepId));
        e.currentStepId = stepId;
        e.updatedAt = now;
        switch (step.type()) {
            case StepType.WAIT -> e.dueAt = WaitTimes.until(step, WaitTimes.zone(lead == null ? null : lead.timeZone, d.timeZone()), now);
            case StepType.WAIT_FOR -> {
                Map<String, Object> waiting = new LinkedHashMap<>();
                waiting.put("type", step.event().type());
                if (step.event().in() != null) {
                    waiting.put("in", step.event().in());
                }
                if (step.event().activityType() != null) {
                    waiting.put("activityType", step.event().activityType());
                }
                waiting.put("since", now.toString());
                e.waitingFor = waiting;
                e.dueAt = step.timeout() == null ? null : now.plus(Duration.parse(step.timeout()));
            }
            default -> e.dueAt = now;
        }
    }

    /** Ends the enrollment (completed, exited or failed) with a reason; no timer is left. */
    public void finish(Enrollment e, String state, String reason, String by, Instant now, Effects out) {
        String from = e.state;
        e.state = state;
        e.reason = reason;
        e.dueAt = null;
        e.waitingFor = null;
        e.endedAt = now;
        e.updatedAt = now;
        e.revision++;
        out.events().add(EnrollmentEvents.changed(e, from, reason, by, now));
    }

    public void pause(Enrollment e, String by, Instant now, Effects out) {
        String from = e.state;
        e.state = EnrollmentState.PAUSED;
        e.reason = ExitReason.AGENT_PAUSED;
        e.updatedAt = now;
        e.revision++;
        out.events().add(EnrollmentEvents.changed(e, from, ExitReason.AGENT_PAUSED, by, now));
    }

    /** Back to active; a timer that fell due while paused runs at once. */
    public void resume(Enrollment e, String by, Instant now, Effects out) {
        String from = e.state;
        e.state = EnrollmentState.ACTIVE;
        e.reason = ExitReason.RESUMED;
        e.updatedAt = now;
        e.revision++;
        out.events().add(EnrollmentEvents.changed(e, from, ExitReason.RESUMED, by, now));
    }

    /**
     * The exit rule that applies now, if any, checked before every step: the lead is gone, reached a goal status,
     * or replied (a reply a waitFor step already consumed does not count).
     */
    public Optional<String[]> exitRule(Enrollment e, Definition d, LeadProjection lead) {
        if (lead == null || lead.deleted) {
            return Optional.of(new String[]{EnrollmentState.EXITED, ExitReason.LEAD_DELETED});
        }
        if (d.isGoal(lead.status)) {
            return Optional.of(new String[]{EnrollmentState.COMPLETED, ExitReason.GOAL_REACHED});
        }
        if (d.exitOnReply() && lead.repliedAt != null && !lead.repliedAt.isBefore(e.enrolledAt)
                && (e.replyHandledAt == null || lead.repliedAt.isAfter(e.replyHandledAt))) {
            return Optional.of(new String[]{EnrollmentState.EXITED, ExitReason.LEAD_REPLIED});
        }
        return Optional.empty();
    }

    /** Runs the current (due) step: its effect, its history row, and the move to the next step. */
    public void runStep(Enrollment e, Definition d, LeadProjection lead, Instant now, Effects out) {
        Definition.Step step = d.step(e.currentStepId).orElseThrow(() -> new IllegalStateException("no step " + e.currentStepId));
        int seq = e.stepsDone + 1;
        UUID requestId = null;
        String outcome;
        String detail = null;
        String next = step.next();
        switch (step.type()) {
            case StepType.SEND -> {
                if ("agent".equals(step.to()) && lead.assignedAgentId == null) {
                    outcome = "skipped-no-agent";
                } else if (!"agent".equals(step.to()) && lead.consent != null
                        && Boolean.FALSE.equals(lead.consent.get(step.channel()))) {
                    outcome = "skipped-no-consent";
                } else {
                    requestId = EnrollmentEvents.requestId(e.id, seq);
                    out.events().add(EnrollmentEvents.send(e, step, lead, requestId, now));
                    outcome = "requested";
                    detail = step.channel() + " " + step.templateKey();
                }
            }
            case StepType.TASK -> {
                requestId = EnrollmentEvents.requestId(e.id, seq);
                out.events().add(EnrollmentEvents.task(e, step, requestId, now));
                outcome = "requested";
                detail = step.title();
            }
            case StepType.UPDATE -> {
                requestId = EnrollmentEvents.requestId(e.id, seq);
                out.events().add(EnrollmentEvents.update(e, step, requestId, now));
                outcome = "requested";
            }
            case StepType.WAIT -> outcome = "waited";
            case StepType.WAIT_FOR -> {
                outcome = "timed-out";
                next = step.timeoutNext();
            }
            case StepType.BRANCH -> {
                Map<String, Object> facts = LeadFacts.of(lead, now);
                next = step.otherwise();
                outcome = "otherwise";
                for (int i = 0; i < step.branches().size(); i++) {
                    if (conditions.holds(step.branches().get(i).when(), facts)) {
                        next = step.branches().get(i).next();
                        outcome = "branch-" + i;
                        break;
                    }
                }
            }
            case StepType.SPLIT -> {
                Definition.Variant v = Splits.choose(e.workflowId, step, e.leadId);
                e.variant = v.name();
                next = v.next();
                outcome = "variant";
                detail = v.name();
            }
            case StepType.EXIT, StepType.GOAL -> outcome = step.type();
            default -> throw new IllegalStateException("unknown step type " + step.type());
        }
        out.history().add(history(e, seq, step, outcome, detail, requestId, now));
        e.stepsDone = seq;
        e.revision++;
        if (StepType.EXIT.equals(step.type())) {
            finish(e, EnrollmentState.EXITED, step.reason() == null ? "exit-step" : step.reason(), EnrollmentEvents.actor(e), now, out);
        } else if (StepType.GOAL.equals(step.type())) {
            finish(e, EnrollmentState.COMPLETED, step.reason() == null ? ExitReason.GOAL_REACHED : step.reason(), EnrollmentEvents.actor(e), now, out);
        } else {
            enter(e, d, next, lead, now, out);
        }
    }

    /** A waitFor step got its event: recorded as matched, and on to the step after it. */
    public void eventArrived(Enrollment e, Definition d, LeadProjection lead, String what, Instant now, Effects out) {
        Definition.Step step = d.step(e.currentStepId).orElseThrow();
        int seq = e.stepsDone + 1;
        out.history().add(history(e, seq, step, "matched", what, null, now));
        e.stepsDone = seq;
        e.revision++;
        enter(e, d, step.next(), lead, now, out);
    }

    /** Whether the enrollment waits for this kind of event (and value). */
    public static boolean waitsFor(Enrollment e, String type, String value) {
        if (!EnrollmentState.ACTIVE.equals(e.state) || e.waitingFor == null || !type.equals(e.waitingFor.get("type"))) {
            return false;
        }
        if (e.waitingFor.get("in") instanceof List<?> in) {
            return in.contains(value);
        }
        Object activity = e.waitingFor.get("activityType");
        return activity == null || activity.equals(value);
    }

    private static StepExecution history(Enrollment e, int seq, Definition.Step step, String outcome, String detail,
                                         UUID requestId, Instant now) {
        StepExecution x = new StepExecution();
        x.key = new StepExecution.Key(e.id, seq);
        x.tenantId = e.tenantId;
        x.stepId = step.id();
        x.stepType = step.type();
        x.outcome = outcome;
        x.detail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
        x.requestId = requestId;
        x.executedAt = now;
        return x;
    }
}

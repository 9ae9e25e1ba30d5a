package com.keystone.crm.workflow.intake.service;

import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.service.EnrollmentFlow;
import com.keystone.crm.workflow.enrollment.service.StepRunner;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A poll's working set in the consumer's transaction: its leads and their open enrollments, locked and read once for
 * the poll, the enrollments it starts, each tenant's triggered workflows read once, the effects, written once, and the
 * steps it ran.
 * The poll's events apply to these objects one after the other; the session writes them back at the end.
 */
final class IntakeBatch {
    private final Map<UUID, LeadProjection> leads;
    /** By lead: the enrollments open when locked and those started in this poll (their state now may be ended). */
    private final Map<UUID, List<Enrollment>> enrollments = new HashMap<>();
    private final Map<String, Uni<List<Workflow>>> triggered = new HashMap<>();
    private final EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
    private final List<StepRunner.Ran> ran = new ArrayList<>();

    IntakeBatch(Map<UUID, LeadProjection> leads, List<Enrollment> open) {
        this.leads = leads;
        open.forEach(this::started);
    }

    /** The lead's row if it belongs to the tenant, else null (a lead id of another tenant is not ours to touch). */
    LeadProjection lead(String tenantId, UUID leadId) {
        LeadProjection lead = leadId == null ? null : leads.get(leadId);
        return lead != null && lead.tenantId.equals(tenantId) ? lead : null;
    }

    /** The lead's enrollments open now, in the order they were locked or started. */
    List<Enrollment> open(UUID leadId) {
        return enrollments.getOrDefault(leadId, List.of()).stream().filter(Enrollment::isOpen).toList();
    }

    boolean hasOpen(UUID workflowId, UUID leadId) {
        return enrollments.getOrDefault(leadId, List.of()).stream().anyMatch(e -> e.workflowId.equals(workflowId) && e.isOpen());
    }

    /**
     * Whether an enrollment of the lead in the workflow ended in this poll: the database may still hold it open until
     * the session writes it, and would refuse a new one.
     */
    boolean endedHere(UUID workflowId, UUID leadId) {
        return enrollments.getOrDefault(leadId, List.of()).stream().anyMatch(e -> e.workflowId.equals(workflowId) && !e.isOpen());
    }

    /** Whether the lead was in the workflow in this poll: open when locked, or started here. */
    boolean enrolledHere(UUID workflowId, UUID leadId) {
        return enrollments.getOrDefault(leadId, List.of()).stream().anyMatch(e -> e.workflowId.equals(workflowId));
    }

    void started(Enrollment e) {
        enrollments.computeIfAbsent(e.leadId, k -> new ArrayList<>()).add(e);
    }

    /** The tenant's workflows with this trigger, read at the poll's first event that asks. */
    Uni<List<Workflow>> triggeredBy(String tenantId, String triggerType, Supplier<Uni<List<Workflow>>> read) {
        return triggered.computeIfAbsent(tenantId + "\n" + triggerType, k -> read.get().memoize().indefinitely());
    }

    EnrollmentFlow.Effects out() {
        return out;
    }

    /** Whether an enrollment the poll holds is active and due by {@code now}: the timer worker has a step to run. */
    boolean stepsDue(Instant now) {
        return enrollments.values().stream().flatMap(List::stream)
                .anyMatch(e -> EnrollmentState.ACTIVE.equals(e.state) && e.dueAt != null && !e.dueAt.isAfter(now));
    }

    /** The steps the poll ran (its new enrollments' first ones), for the step metrics once committed. */
    List<StepRunner.Ran> ran() {
        return ran;
    }
}

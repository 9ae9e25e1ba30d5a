package com.keystone.crm.workflow.enrollment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.config.WorkflowConfig;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.ExitReason;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts an enrollment of a lead in the published version of a workflow, in the caller's transaction: at most one
 * open enrollment per workflow and lead (the database's partial unique index decides a race), and none at all again
 * when the workflow's re-enrollment policy is {@code never}.
 */
@ApplicationScoped
public class Enroller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnrollmentRepository enrollments;
    private final EnrollmentFlow flow;
    private final StepRunner runner;
    private final WorkflowConfig config;
    private final CrmClock clock;
    private final MeterRegistry metrics;

    public Enroller(EnrollmentRepository enrollments, EnrollmentFlow flow, StepRunner runner, WorkflowConfig config,
                    CrmClock clock, MeterRegistry metrics) {
        this.enrollments = enrollments;
        this.flow = flow;
        this.runner = runner;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The new enrollment, or null when the lead may not enroll (already in it, or never again). */
    public Uni<Enrollment> enroll(Workflow w, Definition d, LeadProjection lead, String by, Map<String, Object> context,
                                  EnrollmentFlow.Effects out) {
        Uni<Boolean> allowed = d.reenrollNever()
                ? enrollments.everEnrolled(w.id, lead.leadId).map(ever -> !ever)
                : Uni.createFrom().item(true);
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().nullItem();
            }
            Instant now = clock.now();
            UUID id = UUID.randomUUID();
            return enrollments.insertOpen(id, w.tenantId, w.id, w.publishedVersion, lead.leadId, d.start(), now, by, json(context))
                    .chain(inserted -> !inserted ? Uni.createFrom().nullItem() : enrollments.findById(id).map(e -> {
                        out.events().add(EnrollmentEvents.changed(e, null, ExitReason.ENROLLED, by, now));
                        flow.enter(e, d, d.start(), lead, now, out);
                        metrics.counter("crm.workflow.enrollments.started").increment();
                        return e;
                    }));
        });
    }

    /**
     * For a caller holding the lead's row and its open enrollments locked (the intake), which knows the lead has none
     * open in the workflow and whether it had one in this transaction ({@code enrolledHere}): the new enrollment,
     * written by the session's next flush, JDBC-batched with the others (no statement of its own, no read back). One
     * started meanwhile by the API or a sweep makes the unique index fail that flush and the caller's transaction,
     * which the consumer retries.
     * <p>
     * Its steps due at once (a speed-to-lead text) run here too ({@link StepRunner#runDueSteps}, the timer worker's
     * step code: exit rules first, the effect in the outbox under the step's request id, the history row), not in the
     * worker's next batch: no worker can see the enrollment before this transaction commits, so each runs once, and
     * the lead's later events in the caller's poll apply after them, as they came after. What ran goes to {@code ran}.
     */
    public Uni<Enrollment> enrollLocked(Workflow w, Definition d, LeadProjection lead, boolean enrolledHere, String by,
                                        Map<String, Object> context, EnrollmentFlow.Effects out, List<StepRunner.Ran> ran) {
        Uni<Boolean> allowed = !d.reenrollNever() ? Uni.createFrom().item(true)
                : enrolledHere ? Uni.createFrom().item(false)
                : enrollments.everEnrolled(w.id, lead.leadId).map(ever -> !ever);
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().nullItem();
            }
            Instant now = clock.now();
            Enrollment e = new Enrollment();
            e.id = UUID.randomUUID();
            e.tenantId = w.tenantId;
            e.workflowId = w.id;
            e.workflowVersion = w.publishedVersion;
            e.leadId = lead.leadId;
            e.state = EnrollmentState.ACTIVE;
            e.currentStepId = d.start();
            e.dueAt = now;
            e.revision = 1;
            e.enrolledBy = by;
            e.enrolledAt = now;
            e.updatedAt = now;
            e.context = context == null ? Map.of() : new LinkedHashMap<>(context);
            // the start step is entered and the steps due at once run before the persist: the insert carries their
            // state, no update follows
            out.events().add(EnrollmentEvents.changed(e, null, ExitReason.ENROLLED, by, now));
            flow.enter(e, d, d.start(), lead, now, out);
            runner.runDueSteps(e, d, lead, now, config.worker().maxStepsPerClaim(), out, ran);
            metrics.counter("crm.workflow.enrollments.started").increment();
            return enrollments.persist(e);
        });
    }

    private static String json(Map<String, Object> context) {
        try {
            return JSON.writeValueAsString(context == null ? Map.of() : context);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

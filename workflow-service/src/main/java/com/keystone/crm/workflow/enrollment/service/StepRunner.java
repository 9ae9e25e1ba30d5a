package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.service.PublishedDefinitions;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs due steps in the caller's transaction, of one enrollment ({@link #runDue}) or of a claimed batch
 * ({@link #runDueBatch}): the enrollment rows are locked, the lease and the timer re-checked, the exit rules applied,
 * then each step's state change, history row and effect event are written together. Either all of it commits or
 * none: a crash never repeats or skips a step.
 */
@ApplicationScoped
public class StepRunner {
    private final EnrollmentRepository enrollments;
    private final LeadProjectionRepository leads;
    private final PublishedDefinitions definitions;
    private final EnrollmentFlow flow;
    private final EffectsWriter writer;
    private final CrmClock clock;
    private final MeterRegistry metrics;

    public StepRunner(EnrollmentRepository enrollments, LeadProjectionRepository leads,
                      PublishedDefinitions definitions, EnrollmentFlow flow, EffectsWriter writer, CrmClock clock,
                      MeterRegistry metrics) {
        this.enrollments = enrollments;
        this.leads = leads;
        this.definitions = definitions;
        this.flow = flow;
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Runs the enrollment's current step if it is due and {@code owner} holds its lease; answers whether another
     * step is due at once (the caller goes on while it holds the lease).
     */
    public Uni<Boolean> runDue(UUID id, String owner) {
        Instant now = clock.now();
        return enrollments.lock(id).chain(e -> {
            if (e == null || !owner.equals(e.leaseOwner) || !isDueNow(e, now)) {
                return Uni.createFrom().item(false);
            }
            return definitions.get(e.workflowId, e.workflowVersion)
                    .chain(d -> leads.findById(e.leadId).chain(lead -> {
                        EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
                        List<Ran> ran = new ArrayList<>();
                        step(e, d, lead, now, out, ran);
                        return writer.write(out).map(v -> {
                            record(ran);
                            return isDueNow(e, now);
                        });
                    }));
        });
    }

    /**
     * Runs the due steps of the enrollments of a batch in the caller's transaction: those {@code owner} still holds
     * are locked (one statement; one taken over meanwhile is left to its new owner), their leads read in one
     * statement, then each runs its current step and every further step due at once (at most {@code maxStepsEach}),
     * each checked against the exit rules first, and all history rows and outbox events are written together. All
     * of it commits or none: the caller runs a failed batch again one enrollment per transaction ({@link #runDue}).
     * Answers what ran, for {@link #record} once committed.
     */
    public Uni<List<Ran>> runDueBatch(List<UUID> ids, String owner, int maxStepsEach) {
        Instant now = clock.now();
        return enrollments.lockHeld(ids, owner).chain(held -> {
            List<Enrollment> due = held.stream().filter(e -> isDueNow(e, now)).toList();
            if (due.isEmpty()) {
                return Uni.createFrom().item(List.<Ran>of());
            }
            List<UUID> leadIds = due.stream().map(e -> e.leadId).distinct().toList();
            return leads.list("leadId in ?1", leadIds).chain(found -> {
                Map<UUID, LeadProjection> byId = new HashMap<>();
                found.forEach(l -> byId.put(l.leadId, l));
                EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
                List<Ran> ran = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Enrollment e : due) {
                    chain = chain.chain(() -> definitions.get(e.workflowId, e.workflowVersion)
                            .invoke(d -> runDueSteps(e, d, byId.get(e.leadId), now, maxStepsEach, out, ran)).replaceWithVoid());
                }
                return chain.chain(() -> writer.write(out)).map(v -> ran);
            });
        });
    }

    /**
     * Runs the enrollment's step due at {@code now} and every further step due at once (at most {@code maxSteps}),
     * each checked against the exit rules first, into {@code out}, in the caller's transaction. The caller holds the
     * enrollment's row: locked, or new and not yet written (the intake runs a new enrollment's first steps in the
     * transaction that starts it, with the lead locked). What ran goes to {@code ran}, for {@link #record} once
     * committed.
     */
    public void runDueSteps(Enrollment e, Definition d, LeadProjection lead, Instant now, int maxSteps,
                            EnrollmentFlow.Effects out, List<Ran> ran) {
        int left = maxSteps;
        while (left-- > 0 && isDueNow(e, now)) {
            step(e, d, lead, now, out, ran);
        }
    }

    /** What one step did, for the metrics: its type (null when an exit rule ended the enrollment) and lateness. */
    public record Ran(String stepType, Duration lateness) {
    }

    /** Counts steps that committed. */
    public void record(List<Ran> ran) {
        for (Ran r : ran) {
            if (r.stepType() != null) {
                metrics.counter("crm.workflow.steps", "type", r.stepType()).increment();
                metrics.timer("crm.workflow.timer.lateness").record(r.lateness());
            }
        }
    }

    /** Applies the exit rules, else runs the current step; answers whether another step is due at once. */
    private boolean step(Enrollment e, Definition d, LeadProjection lead, Instant now, EnrollmentFlow.Effects out, List<Ran> ran) {
        Instant dueAt = e.dueAt;
        var exit = flow.exitRule(e, d, lead);
        if (exit.isPresent()) {
            flow.finish(e, exit.get()[0], exit.get()[1], EnrollmentEvents.actor(e), now, out);
            ran.add(new Ran(null, Duration.ZERO));
        } else {
            flow.runStep(e, d, lead, now, out);
            ran.add(new Ran(out.history().get(out.history().size() - 1).stepType, Duration.between(dueAt, now)));
        }
        return isDueNow(e, now);
    }

    private static boolean isDueNow(Enrollment e, Instant now) {
        return EnrollmentState.ACTIVE.equals(e.state) && e.dueAt != null && !e.dueAt.isAfter(now);
    }
}

package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.definition.service.PublishedDefinitions;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

/**
 * Runs one due step of an enrollment in the caller's transaction: the enrollment row is locked, the lease and the
 * timer re-checked, the exit rules applied, then the step's state change, history row and effect event are written
 * together. Either all of it commits or none: a crash never repeats or skips a step.
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
            if (e == null || !EnrollmentState.ACTIVE.equals(e.state) || !owner.equals(e.leaseOwner)
                    || e.dueAt == null || e.dueAt.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            Instant dueAt = e.dueAt;
            return definitions.get(e.workflowId, e.workflowVersion)
                    .chain(d -> leads.findById(e.leadId).chain(lead -> {
                        EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
                        var exit = flow.exitRule(e, d, lead);
                        if (exit.isPresent()) {
                            flow.finish(e, exit.get()[0], exit.get()[1], EnrollmentEvents.actor(e), now, out);
                        } else {
                            flow.runStep(e, d, lead, now, out);
                            metrics.counter("crm.workflow.steps", "type", out.history().get(0).stepType).increment();
                            metrics.timer("crm.workflow.timer.lateness").record(java.time.Duration.between(dueAt, now));
                        }
                        return writer.write(out).map(v -> isDueNow(e, now));
                    }));
        });
    }

    private static boolean isDueNow(Enrollment e, Instant now) {
        return EnrollmentState.ACTIVE.equals(e.state) && e.dueAt != null && !e.dueAt.isAfter(now);
    }
}

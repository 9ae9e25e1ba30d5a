package com.keystone.crm.workflow.simulation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.TaskRequested;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.service.DefinitionChecker;
import com.keystone.crm.workflow.definition.service.WorkflowService;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.StepExecution;
import com.keystone.crm.workflow.enrollment.service.EnrollmentFlow;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST .../simulate}: runs a definition for one lead through the same state machine as real enrollments
 * ({@link EnrollmentFlow}), on objects that are never persisted and with events that are never published, jumping
 * from timer to timer. A waitFor step takes its timeout path (the event is assumed not to come); one without a
 * timeout ends the timeline there.
 */
@ApplicationScoped
public class Simulator {
    static final int MAX_STEPS = 200;

    private final EnrollmentFlow flow;
    private final WorkflowService workflows;
    private final LeadProjectionRepository leads;
    private final DefinitionChecker checker;
    private final SendTimesClient sendTimes;
    private final CrmClock clock;

    public Simulator(EnrollmentFlow flow, WorkflowService workflows, LeadProjectionRepository leads, DefinitionChecker checker,
                     SendTimesClient sendTimes, CrmClock clock) {
        this.flow = flow;
        this.workflows = workflows;
        this.leads = leads;
        this.checker = checker;
        this.sendTimes = sendTimes;
        this.clock = clock;
    }

    /** A dry run of a given definition document. */
    @WithSession
    public Uni<SimulationView> simulate(Caller caller, String authorization, JsonNode definition, SimulationRequest request) {
        Definition d = checker.check(definition).definition();
        return lead(caller, request).chain(lead -> withSendTimes(run(d, UUID.randomUUID(), lead, request), lead,
                request.leadId() != null, authorization));
    }

    /** A dry run of a workflow's draft. */
    @WithSession
    public Uni<SimulationView> simulateDraft(Caller caller, String authorization, UUID workflowId, SimulationRequest request) {
        return workflows.find(caller, workflowId).chain(w -> {
            Definition d = DefinitionChecker.bind(w.draft);
            return lead(caller, request).chain(lead -> withSendTimes(run(d, w.id, lead, request), lead,
                    request.leadId() != null, authorization));
        });
    }

    /**
     * The messages' real send times from notification-service (for a lead it knows, by the lead's id; a made-up lead
     * by its zone). Unanswered (down, slow, refused): the times stay as requested and the view says so.
     */
    private Uni<SimulationView> withSendTimes(SimulationView view, LeadProjection lead, boolean known, String authorization) {
        List<SimulationView.Entry> messages = view.timeline().stream().filter(SimulationView.Entry::isMessage).toList();
        if (messages.isEmpty()) {
            return Uni.createFrom().item(view.with(view.timeline(), "none"));
        }
        List<SendTimesClient.Planned> planned = messages.stream().map(m -> {
            boolean toLead = "lead".equals(m.recipient());
            return new SendTimesClient.Planned(m.channel(), m.category(), toLead && known ? lead.leadId : null,
                    toLead ? lead.timeZone : null, m.at());
        }).toList();
        return sendTimes.ask(authorization, planned).map(times -> {
            List<SimulationView.Entry> entries = new ArrayList<>();
            int next = 0;
            for (SimulationView.Entry entry : view.timeline()) {
                if (entry.isMessage()) {
                    SendTimesClient.SendTime t = times.get(next++);
                    entries.add(entry.sending(t.sendAt(), t.heldFor()));
                } else {
                    entries.add(entry);
                }
            }
            return view.with(entries, "applied");
        }).onFailure().recoverWithItem(failure -> view.with(view.timeline().stream()
                .map(e -> e.isMessage() ? e.sending(e.at(), null) : e).toList(),
                "not-applied: notification-service did not answer (" + failure.getMessage() + ")"));
    }

    private Uni<LeadProjection> lead(Caller caller, SimulationRequest request) {
        if (request.leadId() != null) {
            return leads.findInTenant(caller.tenantId(), request.leadId()).map(l -> {
                if (l == null || l.deleted || (!caller.isAdmin() && !caller.isTeamLead() && !caller.userId().equals(l.assignedAgentId))) {
                    throw ProblemException.notFound("Lead " + request.leadId());
                }
                return l;
            });
        }
        SimulatedLead s = request.lead();
        LeadProjection l = new LeadProjection();
        l.leadId = UUID.randomUUID();
        l.tenantId = caller.tenantId();
        if (s != null) {
            l.status = s.status() == null ? "new" : s.status();
            l.source = s.source();
            l.tags = s.tags() == null ? new String[0] : s.tags().toArray(String[]::new);
            l.score = s.score();
            l.tier = s.tier();
            l.timeZone = s.timeZone();
            l.assignedAgentId = s.assignedAgentId();
            l.consent = s.consent();
            l.fields = s.fields() == null ? new HashMap<>() : new HashMap<>(s.fields());
        } else {
            l.status = "new";
        }
        return Uni.createFrom().item(l);
    }

    SimulationView run(Definition d, UUID workflowId, LeadProjection lead, SimulationRequest request) {
        Instant start = request.enrollAt() != null ? request.enrollAt() : clock.now();
        Enrollment e = new Enrollment();
        e.id = UUID.randomUUID();
        e.tenantId = lead.tenantId;
        e.workflowId = workflowId;
        e.workflowVersion = 1;
        e.leadId = lead.leadId;
        e.state = EnrollmentState.ACTIVE;
        e.revision = 1;
        e.enrolledAt = start;
        e.enrolledBy = "simulation";
        EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
        flow.enter(e, d, d.start(), lead, start, out);
        List<SimulationView.Entry> timeline = new ArrayList<>();
        int steps = 0;
        while (EnrollmentState.ACTIVE.equals(e.state) && e.dueAt != null && steps++ < MAX_STEPS) {
            Instant at = e.dueAt;
            var exit = flow.exitRule(e, d, lead);
            if (exit.isPresent()) {
                flow.finish(e, exit.get()[0], exit.get()[1], "simulation", at, out);
                break;
            }
            int events = out.events().size();
            int rows = out.history().size();
            flow.runStep(e, d, lead, at, out);
            StepExecution x = out.history().get(rows);
            OutboxEvent effect = out.events().size() > events ? out.events().get(events) : null;
            timeline.add(entry(x, effect));
        }
        String waiting = e.waitingFor == null ? null : String.valueOf(e.waitingFor.get("type"));
        return new SimulationView(start, timeline, e.state, e.reason, e.endedAt, waiting, null);
    }

    private static SimulationView.Entry entry(StepExecution x, OutboxEvent effect) {
        String channel = null;
        String category = null;
        String template = null;
        String recipient = null;
        String kind = null;
        if (effect != null && !"workflow.enrollment-changed".equals(effect.type())) {
            kind = effect.type();
            if (effect.payload() instanceof NotificationRequested n) {
                channel = n.getChannel().value();
                category = n.getCategory().value();
                template = n.getTemplateKey();
                recipient = n.getRecipient().getKind().value();
            } else if (effect.payload() instanceof TaskRequested t) {
                template = t.getTitle();
            }
        }
        return new SimulationView.Entry(x.key.seq, x.executedAt, x.stepId, x.stepType, x.outcome, x.detail, kind, channel,
                category, template, recipient, null, null);
    }

}

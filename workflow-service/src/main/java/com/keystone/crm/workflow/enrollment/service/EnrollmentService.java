package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.repository.WorkflowRepository;
import com.keystone.crm.workflow.definition.service.PublishedDefinitions;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.ExitReason;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import com.keystone.crm.workflow.enrollment.repository.StepExecutionRepository;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

/**
 * Enrollments through the API: manual enrollment, lists, one enrollment with its step history, and an agent's
 * pause, resume and exit. Agents see and act on enrollments of their own leads; team leads and admins on all of the
 * tenant's. Anything else, and any other tenant's id, is a 404.
 */
@ApplicationScoped
public class EnrollmentService {
    public static final String IDEMPOTENCY_SCOPE = "enrollment.create";
    static final String LIST = "enrollments";

    private final EnrollmentRepository enrollments;
    private final StepExecutionRepository history;
    private final WorkflowRepository workflows;
    private final LeadProjectionRepository leads;
    private final PublishedDefinitions definitions;
    private final Enroller enroller;
    private final EnrollmentFlow flow;
    private final EffectsWriter writer;
    private final EnrollmentWorker worker;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public EnrollmentService(EnrollmentRepository enrollments, StepExecutionRepository history, WorkflowRepository workflows,
                             LeadProjectionRepository leads, PublishedDefinitions definitions, Enroller enroller,
                             EnrollmentFlow flow, EffectsWriter writer, EnrollmentWorker worker, CursorCodec cursorCodec,
                             CrmClock clock) {
        this.enrollments = enrollments;
        this.history = history;
        this.workflows = workflows;
        this.leads = leads;
        this.definitions = definitions;
        this.enroller = enroller;
        this.flow = flow;
        this.writer = writer;
        this.worker = worker;
        this.cursorCodec = cursorCodec;
        this.clock = clock;
    }

    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    /** Enrolls a lead by hand in the workflow's published version (any trigger; paused workflows refuse). */
    public Uni<EnrollmentView> enroll(Caller caller, UUID workflowId, UUID leadId) {
        return Panache.withTransaction(() -> enrollTx(caller, workflowId, leadId)).invoke(v -> worker.wake());
    }

    private Uni<EnrollmentView> enrollTx(Caller caller, UUID workflowId, UUID leadId) {
        return workflows.findInTenant(caller.tenantId(), workflowId).chain(w -> {
            if (w == null) {
                throw ProblemException.notFound("Workflow " + workflowId);
            }
            if (w.publishedVersion == null) {
                throw ProblemException.conflict("workflow-not-published", "Publish the workflow before enrolling leads");
            }
            if (!Workflow.ACTIVE.equals(w.status)) {
                throw ProblemException.conflict("workflow-paused", "The workflow is paused: resume it to enroll leads");
            }
            return visibleLead(caller, leadId).chain(lead -> definitions.get(w.id, w.publishedVersion).chain(d -> {
                EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
                return enroller.enroll(w, d, lead, caller.userId(), Map.of(), out).chain(e -> {
                    if (e == null) {
                        throw ProblemException.conflict("already-enrolled", "The lead has an open enrollment in this workflow"
                                + (d.reenrollNever() ? " or was enrolled before (re-enrollment: never)" : ""));
                    }
                    return writer.write(out).map(v -> EnrollmentView.of(e));
                });
            }));
        });
    }

    @WithSession
    public Uni<EnrollmentView> get(Caller caller, UUID id) {
        return visible(caller, id).chain(e -> history.history(id).map(h -> EnrollmentView.of(e, h)));
    }

    @WithSession
    public Uni<Page<EnrollmentView>> list(Caller caller, UUID workflowId, UUID leadId, String state, int limit, Cursor after) {
        String agent = caller.isAdmin() || caller.isTeamLead() ? null : caller.userId();
        return enrollments.newestFirst(caller.tenantId(), workflowId, leadId, state, agent, after, limit + 1)
                .map(rows -> cursors().page(rows, limit, EnrollmentView::of, e -> Cursor.at(e.id, e.enrolledAt)));
    }

    /** An agent's pause: the timer stops until resumed (an exit reason of its own while paused). */
    public Uni<EnrollmentView> pause(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, (e, out) -> {
            if (!EnrollmentState.ACTIVE.equals(e.state)) {
                throw ProblemException.conflict("not-active", "Only an active enrollment can be paused (it is " + e.state + ")");
            }
            flow.pause(e, caller.userId(), clock.now(), out);
        });
    }

    public Uni<EnrollmentView> resume(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, (e, out) -> {
            if (!EnrollmentState.PAUSED.equals(e.state)) {
                throw ProblemException.conflict("not-paused", "Only a paused enrollment can be resumed (it is " + e.state + ")");
            }
            flow.resume(e, caller.userId(), clock.now(), out);
        }).invoke(v -> worker.wake());
    }

    public Uni<EnrollmentView> exit(Caller caller, UUID id, String ifMatch) {
        return change(caller, id, ifMatch, (e, out) -> {
            if (!e.isOpen()) {
                throw ProblemException.conflict("not-open", "The enrollment already ended (" + e.state + ")");
            }
            flow.finish(e, EnrollmentState.EXITED, ExitReason.MANUAL, caller.userId(), clock.now(), out);
        });
    }

    private interface Change {
        void apply(Enrollment e, EnrollmentFlow.Effects out);
    }

    private Uni<EnrollmentView> change(Caller caller, UUID id, String ifMatch, Change change) {
        return Panache.withTransaction(() -> changeTx(caller, id, ifMatch, change));
    }

    private Uni<EnrollmentView> changeTx(Caller caller, UUID id, String ifMatch, Change change) {
        return enrollments.lockInTenant(caller.tenantId(), id).chain(e -> {
            if (e == null) {
                throw ProblemException.notFound("Enrollment " + id);
            }
            return visibleLead(caller, e.leadId).onFailure(ProblemException.class)
                    .transform(x -> ProblemException.notFound("Enrollment " + id))
                    .chain(lead -> {
                        if (ifMatch != null) {
                            IfMatch.require(ifMatch, e.revision);
                        }
                        EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
                        change.apply(e, out);
                        return writer.write(out).map(v -> EnrollmentView.of(e));
                    });
        });
    }

    private Uni<Enrollment> visible(Caller caller, UUID id) {
        return enrollments.findInTenant(caller.tenantId(), id).chain(e -> {
            if (e == null) {
                throw ProblemException.notFound("Enrollment " + id);
            }
            return visibleLead(caller, e.leadId).onFailure(ProblemException.class)
                    .transform(x -> ProblemException.notFound("Enrollment " + id)).replaceWith(e);
        });
    }

    /** The lead if the caller may see it: of the tenant, and for an agent assigned to them; else 404. */
    private Uni<LeadProjection> visibleLead(Caller caller, UUID leadId) {
        return leads.findInTenant(caller.tenantId(), leadId).map(lead -> {
            if (lead == null || lead.deleted
                    || (!caller.isAdmin() && !caller.isTeamLead() && !caller.userId().equals(lead.assignedAgentId))) {
                throw ProblemException.notFound("Lead " + leadId);
            }
            return lead;
        });
    }
}

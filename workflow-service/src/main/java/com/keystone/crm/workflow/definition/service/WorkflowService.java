package com.keystone.crm.workflow.definition.service;

import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.domain.WorkflowVersion;
import com.keystone.crm.workflow.definition.repository.WorkflowRepository;
import com.keystone.crm.workflow.definition.repository.WorkflowVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Workflow definitions of a tenant: create and edit a draft (checked by {@link DefinitionChecker}), publish it as a
 * frozen version. Team leads and admins manage them; agents read them. Another tenant's workflow is a 404.
 */
@ApplicationScoped
public class WorkflowService {
    public static final String IDEMPOTENCY_SCOPE = "workflow.create";
    static final String LIST = "workflows";

    private final WorkflowRepository workflows;
    private final WorkflowVersionRepository versions;
    private final DefinitionChecker checker;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public WorkflowService(WorkflowRepository workflows, WorkflowVersionRepository versions, DefinitionChecker checker,
                           CursorCodec cursorCodec, CrmClock clock) {
        this.workflows = workflows;
        this.versions = versions;
        this.checker = checker;
        this.cursorCodec = cursorCodec;
        this.clock = clock;
    }

    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    /** Checks a definition without saving it (the body of create or a draft edit). */
    public DefinitionChecker.Checked check(String body) {
        return checker.check(body);
    }

    @WithTransaction
    public Uni<WorkflowView> create(Caller caller, DefinitionChecker.Checked checked) {
        requireManager(caller);
        return insert(caller.tenantId(), caller.userId(), checked, null).map(WorkflowView::of);
    }

    /** A new draft in the caller's session (the template seeding uses it too). */
    public Uni<Workflow> insert(String tenantId, String userId, DefinitionChecker.Checked checked, String templateKey) {
        Instant now = clock.now();
        Workflow w = new Workflow();
        w.id = UUID.randomUUID();
        w.tenantId = tenantId;
        w.name = checked.definition().name();
        w.draft = checked.json();
        w.revision = 1;
        w.status = Workflow.ACTIVE;
        w.templateKey = templateKey;
        w.createdBy = userId;
        w.createdAt = now;
        w.updatedAt = now;
        return workflows.persist(w);
    }

    @WithSession
    public Uni<WorkflowView> get(Caller caller, UUID id) {
        return find(caller, id).map(WorkflowView::of);
    }

    @WithSession
    public Uni<Page<WorkflowView>> list(Caller caller, int limit, Cursor after) {
        return workflows.newestFirst(caller.tenantId(), after, limit + 1)
                .map(rows -> cursors().page(rows, limit, WorkflowView::of, w -> Cursor.at(w.id, w.createdAt)));
    }

    @WithTransaction
    public Uni<WorkflowView> updateDraft(Caller caller, UUID id, DefinitionChecker.Checked checked, String ifMatch) {
        requireManager(caller);
        return lock(caller, id).map(w -> {
            IfMatch.require(ifMatch, w.revision);
            w.draft = checked.json();
            w.name = checked.definition().name();
            w.revision++;
            w.updatedAt = clock.now();
            return WorkflowView.of(w);
        });
    }

    /**
     * Freezes the draft as the next version: new enrollments start on it, running ones stay on theirs. The draft
     * was checked when saved; it is checked again in case the rules got stricter since.
     */
    @WithTransaction
    public Uni<WorkflowView> publish(Caller caller, UUID id, String ifMatch) {
        requireManager(caller);
        return lock(caller, id).chain(w -> {
            IfMatch.require(ifMatch, w.revision);
            return publish(w, caller.userId()).map(v -> WorkflowView.of(w));
        });
    }

    /** Publishes the draft of a workflow held in the caller's transaction. */
    public Uni<WorkflowVersion> publish(Workflow w, String userId) {
        DefinitionChecker.Checked checked = checker.check(DefinitionChecker.parse(w.draft));
        Instant now = clock.now();
        WorkflowVersion v = new WorkflowVersion();
        v.key = new WorkflowVersion.Key(w.id, w.publishedVersion == null ? 1 : w.publishedVersion + 1);
        v.tenantId = w.tenantId;
        v.definition = checked.json();
        v.triggerType = checked.definition().trigger().type();
        v.publishedBy = userId;
        v.publishedAt = now;
        w.publishedVersion = v.key.version;
        w.triggerType = v.triggerType;
        w.revision++;
        w.updatedAt = now;
        return versions.persist(v);
    }

    /** Pauses (no new enrollments; running ones go on) or resumes a workflow. */
    @WithTransaction
    public Uni<WorkflowView> setStatus(Caller caller, UUID id, String status, String ifMatch) {
        requireManager(caller);
        return lock(caller, id).map(w -> {
            IfMatch.require(ifMatch, w.revision);
            if (!w.status.equals(status)) {
                w.status = status;
                w.revision++;
                w.updatedAt = clock.now();
            }
            return WorkflowView.of(w);
        });
    }

    @WithSession
    public Uni<WorkflowVersionView> version(Caller caller, UUID id, int version) {
        return find(caller, id).chain(w -> versions.find(id, version)).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("Version " + version + " of workflow " + id);
            }
            return WorkflowVersionView.of(v);
        });
    }

    /** A workflow of the caller's tenant, or 404. */
    public Uni<Workflow> find(Caller caller, UUID id) {
        return workflows.findInTenant(caller.tenantId(), id).map(w -> {
            if (w == null) {
                throw ProblemException.notFound("Workflow " + id);
            }
            return w;
        });
    }

    private Uni<Workflow> lock(Caller caller, UUID id) {
        return workflows.lockInTenant(caller.tenantId(), id).map(w -> {
            if (w == null) {
                throw ProblemException.notFound("Workflow " + id);
            }
            return w;
        });
    }

    static void requireManager(Caller caller) {
        if (!caller.isAdmin() && !caller.isTeamLead()) {
            throw ProblemException.forbidden("workflow-manager-only", "Only team leads and admins change workflows");
        }
    }
}

package com.keystone.crm.lead.task.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.task.api.TaskCreateRequest;
import com.keystone.crm.lead.task.api.TaskPatchRequest;
import com.keystone.crm.lead.task.api.TaskView;
import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.lead.task.domain.TaskPriority;
import com.keystone.crm.lead.task.domain.TaskStatus;
import com.keystone.crm.lead.task.messaging.TaskEvents;
import com.keystone.crm.lead.task.repository.TaskFilter;
import com.keystone.crm.lead.task.repository.TaskRepository;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.lead.timeline.service.ActivityTimelineService;
import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks from the app: create (task.created), read, list, edit, complete (task.completed and a task-completed entry
 * on the lead's timeline) and reopen. Each change and its event commit in one transaction.
 */
@ApplicationScoped
public class TaskService {
    static final String LIST = "tasks";
    public static final String IDEMPOTENCY_SCOPE = "task.create";
    static final String TASK_COMPLETED = "task-completed";

    private final TaskRepository tasks;
    private final TaskAccess access;
    private final TaskAssignees assignees;
    private final TaskEvents events;
    private final LeadFinder finder;
    private final LeadRepository leads;
    private final ActivityRecorder activities;
    private final TenantGuard tenantGuard;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public TaskService(TaskRepository tasks, TaskAccess access, TaskAssignees assignees, TaskEvents events,
                       LeadFinder finder, LeadRepository leads, ActivityRecorder activities, TenantGuard tenantGuard,
                       CursorCodec cursorCodec, CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.tasks = tasks;
        this.access = access;
        this.assignees = assignees;
        this.events = events;
        this.finder = finder;
        this.leads = leads;
        this.activities = activities;
        this.tenantGuard = tenantGuard;
    }

    /** The cursors of this list (signed for it: a cursor of another list is a 400). */
    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    /** The list filters of GET /api/v1/tasks; null means no condition. */
    public record ListFilter(String assigneeId, UUID leadId, TaskStatus status, Instant dueBefore, Instant dueAfter,
                             Boolean overdue, Instant updatedSince) {
    }

    /** Creates a task (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<TaskView> create(Caller caller, TaskCreateRequest request) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> request.leadId() == null ? Uni.createFrom().<Lead>nullItem() : finder.visible(caller, request.leadId()))
                .chain(lead -> assignees.resolve(caller, request.assigneeId()))
                .chain(assignee -> insert(caller, request, assignee))
                .map(t -> TaskView.of(t, now()));
    }

    @WithSession
    public Uni<TaskView> get(Caller caller, UUID id) {
        return access.visible(caller, id).map(t -> TaskView.of(t, now()));
    }

    /**
     * Without assigneeId: the caller's own tasks, or with leadId every task on that lead the caller may see. With
     * it: that user's tasks, if the caller may see them (themselves; a team lead their team; an admin anyone).
     */
    @WithSession
    public Uni<Page<TaskView>> list(Caller caller, ListFilter f, int limit, Cursor after) {
        Instant now = clock.now();
        return tenantGuard.requireKnown(caller.tenantId()).chain(() -> scope(caller, f))
                .chain(scope -> tasks.dueFirst(new TaskFilter(caller.tenantId(), scope.assigneeId(), scope.visibleTo(),
                        scope.visibleTeam(), f.leadId(), f.status(), f.dueBefore(), f.dueAfter(), f.overdue(),
                        f.updatedSince(), now), after, limit + 1))
                .map(rows -> cursors().page(rows, limit, t -> TaskView.of(t, now), t -> Cursor.at(t.id, t.dueAt)));
    }

    @WithTransaction
    public Uni<TaskView> update(Caller caller, UUID id, TaskPatchRequest patch, String ifMatch) {
        return access.visible(caller, id).chain(task -> {
            IfMatch.require(ifMatch, task.aggregateVersion());
            Uni<Void> reassigned = patch.assigneeId() == null || patch.assigneeId().equals(task.assigneeId)
                    ? Uni.createFrom().voidItem()
                    : assignees.resolve(caller, patch.assigneeId()).invoke(agent -> task.assigneeId = agent.userId).replaceWithVoid();
            return reassigned.chain(() -> {
                if (patch.title() != null) {
                    task.title = patch.title().trim();
                }
                if (patch.description() != null) {
                    task.description = patch.description().isEmpty() ? null : patch.description();
                }
                if (patch.dueAt() != null) {
                    task.dueAt = patch.dueAt().truncatedTo(ChronoUnit.MICROS);
                }
                if (patch.priority() != null) {
                    task.priority = patch.priority();
                }
                if (patch.taskType() != null) {
                    task.taskType = patch.taskType();
                }
                task.updatedAt = now();
                // flushed here so the answer carries the version (and ETag) the update produced
                return tasks.flush().map(v -> TaskView.of(task, now()));
            });
        });
    }

    /** Marks the task done; completing a done task again changes nothing and publishes nothing. */
    @WithTransaction
    public Uni<TaskView> complete(Caller caller, UUID id, String outcome, String ifMatch) {
        return access.visible(caller, id).chain(task -> {
            IfMatch.require(ifMatch, task.aggregateVersion());
            if (task.status == TaskStatus.DONE) {
                return Uni.createFrom().item(TaskView.of(task, now()));
            }
            Instant now = now();
            task.status = TaskStatus.DONE;
            task.completedAt = now;
            task.completedBy = caller.userId();
            task.outcome = outcome;
            task.updatedAt = now;
            return tasks.flush()
                    .chain(() -> events.completed(task))
                    .chain(() -> recordOnTimeline(task))
                    .map(v -> TaskView.of(task, now()));
        });
    }

    /** Back to open ("undone"); reopening an open task changes nothing. Publishes nothing: see {@link TaskEvents}. */
    @WithTransaction
    public Uni<TaskView> reopen(Caller caller, UUID id, String ifMatch) {
        return access.visible(caller, id).chain(task -> {
            IfMatch.require(ifMatch, task.aggregateVersion());
            if (task.status == TaskStatus.OPEN) {
                return Uni.createFrom().item(TaskView.of(task, now()));
            }
            task.status = TaskStatus.OPEN;
            task.completedAt = null;
            task.completedBy = null;
            task.outcome = null;
            task.updatedAt = now();
            return tasks.flush().map(v -> TaskView.of(task, now()));
        });
    }

    /** Who the list covers, after checking the caller may ask for it. */
    private Uni<Scope> scope(Caller caller, ListFilter f) {
        String me = caller.userId();
        if (f.assigneeId() == null) {
            if (f.leadId() == null) {
                return Uni.createFrom().item(new Scope(me, null, null));
            }
            Scope visible = caller.isAdmin() ? new Scope(null, null, null)
                    : new Scope(null, me, caller.isTeamLead() ? caller.teamId().orElse(null) : null);
            return finder.visible(caller, f.leadId()).replaceWith(visible);
        }
        if (f.assigneeId().equals(me) || caller.isAdmin()) {
            return Uni.createFrom().item(new Scope(f.assigneeId(), null, null));
        }
        return access.inCallersTeam(caller, f.assigneeId()).map(inTeam -> {
            if (!inTeam) {
                throw ProblemException.forbidden("tasks-not-visible",
                        "You can list your own tasks" + (caller.isTeamLead() ? " and your team's" : ""));
            }
            return new Scope(f.assigneeId(), null, null);
        });
    }

    private record Scope(String assigneeId, String visibleTo, String visibleTeam) {
    }

    private Uni<Task> insert(Caller caller, TaskCreateRequest request, Agent assignee) {
        Instant now = now();
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.tenantId = caller.tenantId();
        task.leadId = request.leadId();
        task.title = request.title().trim();
        task.description = request.description() == null || request.description().isEmpty() ? null : request.description();
        task.taskType = request.taskType();
        task.dueAt = request.dueAt().truncatedTo(ChronoUnit.MICROS);
        task.priority = request.priority() == null ? TaskPriority.NORMAL : request.priority();
        task.status = TaskStatus.OPEN;
        task.assigneeId = assignee.userId;
        task.createdBy = caller.userId();
        task.createdAt = now;
        task.updatedAt = now;
        return tasks.persist(task).call(events::created);
    }

    /** The lead's timeline gets a task-completed entry, whoever completed it (the lead may be someone else's now). */
    private Uni<Void> recordOnTimeline(Task task) {
        if (task.leadId == null) {
            return Uni.createFrom().voidItem();
        }
        return leads.findInTenant(task.tenantId, task.leadId).chain((Lead lead) -> lead == null
                ? Uni.createFrom().voidItem()
                : activities.record(lead, TASK_COMPLETED, ActivityTimelineService.excerpt("Task done: " + task.title, 200),
                        task.completedBy, task.completedAt, null, ActivityEvents.Fields.details(Map.of("taskId", task.id.toString())))
                        .replaceWithVoid());
    }


    private Instant now() {
        return clock.now();
    }
}

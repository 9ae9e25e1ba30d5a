package com.keystone.crm.lead.task.rest;

import com.keystone.crm.lead.task.api.TaskCompleteRequest;
import com.keystone.crm.lead.task.api.TaskCreateRequest;
import com.keystone.crm.lead.task.api.TaskPatchRequest;
import com.keystone.crm.lead.task.api.TaskView;
import com.keystone.crm.lead.web.ConcurrentWrites;
import com.keystone.crm.platform.chassis.problem.Problem;

import com.keystone.crm.lead.task.domain.TaskStatus;
import com.keystone.crm.lead.task.service.TaskService;
import com.keystone.crm.platform.chassis.http.IfNoneMatch;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Tasks: /api/v1/tasks. A task the caller may not see (another agent's, another tenant's) is 404. */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class TaskResource {
    private final TaskService tasks;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public TaskResource(TaskService tasks, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.tasks = tasks;
        this.caller = caller;
    }

    /** Creates a task; a retry with the same Idempotency-Key and body gets the first answer again. */
    @POST
    public Uni<Response> create(@Valid @NotNull TaskCreateRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        return idempotentCreate.create(TaskService.IDEMPOTENCY_SCOPE, idempotencyKey, request,
                () -> tasks.create(caller, request).map(task -> Response.status(Response.Status.CREATED)
                        .location(uri.getAbsolutePathBuilder().path(task.id().toString()).build())
                        .tag(new EntityTag(task.etag()))
                        .entity(task)
                        .build()));
    }

    /** By due time, then id; {@code nextCursor} is null on the last page. */
    @GET
    public Uni<Page<TaskView>> list(@QueryParam("assigneeId") String assigneeId,
                                               @QueryParam("status") String status,
                                               @QueryParam("leadId") String leadId,
                                               @QueryParam("dueBefore") String dueBefore,
                                               @QueryParam("dueAfter") String dueAfter,
                                               @QueryParam("overdue") String overdue,
                                               @QueryParam("updatedSince") String updatedSince,
                                               @QueryParam("limit") String limit,
                                               @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        TaskService.ListFilter filter = new TaskService.ListFilter(
                assigneeId == null || assigneeId.isEmpty() ? null : assigneeId,
                q.uuid("leadId", leadId), status(q, status), q.instant("dueBefore", dueBefore),
                q.instant("dueAfter", dueAfter), q.bool("overdue", overdue), q.instant("updatedSince", updatedSince));
        int size = q.limit(limit);
        Cursor after = q.cursor(tasks.cursors(), cursor);
        q.validate();
        return tasks.list(caller, filter, size, after);
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return tasks.get(caller, parseId(id)).map(task -> IfNoneMatch.ok(task, task.etag(), ifNoneMatch));
    }

    /** Changes title, description, due time, priority, type or assignee; needs If-Match. */
    @PATCH
    @Path("/{id}")
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull TaskPatchRequest patch,
                                @HeaderParam("If-Match") String ifMatch) {
        UUID taskId = parseId(id);
        return tasks.update(caller, taskId, patch, ifMatch)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::staleUpdate)
                .map(TaskResource::withTag);
    }

    /** Marks it done (task.completed), saying how it went: {"outcome": ...}; If-Match is optional. */
    @POST
    @Path("/{id}/complete")
    public Uni<Response> complete(@PathParam("id") String id, @Valid TaskCompleteRequest request,
                                  @HeaderParam("If-Match") String ifMatch) {
        UUID taskId = parseId(id);
        return tasks.complete(caller, taskId, request == null ? null : request.outcome(),
                        ifMatch == null ? "*" : ifMatch)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::staleUpdate)
                .map(TaskResource::withTag);
    }

    /**
     * Marks it done from a bare POST (no body, whatever Content-Type the client library added). A body of another type
     * than JSON is refused (415): it would otherwise be ignored without a word.
     */
    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> completeWithoutBody(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                             @HeaderParam("Content-Length") String length,
                                             @HeaderParam("Transfer-Encoding") String chunked) {
        if ((length != null && !"0".equals(length.trim())) || chunked != null) {
            throw new ProblemException(Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
                    "Send no body or an application/json body ({\"outcome\": ...})"));
        }
        return complete(id, null, ifMatch);
    }

    /** Back to open; If-Match is optional. */
    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.WILDCARD) // no body
    public Uni<Response> reopen(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        UUID taskId = parseId(id);
        return tasks.reopen(caller, taskId, ifMatch == null ? "*" : ifMatch)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::staleUpdate)
                .map(TaskResource::withTag);
    }

    private static Response withTag(TaskView task) {
        return Response.ok(task).tag(new EntityTag(task.etag())).build();
    }

    private static TaskStatus status(ListQuery q, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return TaskStatus.fromWire(raw);
        } catch (IllegalArgumentException e) {
            q.reject("status", "must be open or done");
            return null;
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Task " + id);
        }
    }
}

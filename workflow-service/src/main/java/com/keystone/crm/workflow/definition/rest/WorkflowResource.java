package com.keystone.crm.workflow.definition.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.common.Ids;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.service.DefinitionChecker;
import com.keystone.crm.workflow.definition.service.DefinitionSchema;
import com.keystone.crm.workflow.definition.service.WorkflowService;
import com.keystone.crm.workflow.definition.service.WorkflowVersionView;
import com.keystone.crm.workflow.definition.service.WorkflowView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Workflow definitions: {@code /api/v1/workflows}. The body of a create or draft edit is the definition document
 * (schema: {@code GET /api/v1/workflows/schema}, also {@code WorkflowDefinition} in the OpenAPI document), read
 * strictly (duplicate keys are a 400) and checked (422 naming each invalid field).
 */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class WorkflowResource {
    private final WorkflowService workflows;
    private final DefinitionSchema schema;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public WorkflowResource(WorkflowService workflows, DefinitionSchema schema, Caller caller, IdempotentCreate idempotentCreate) {
        this.workflows = workflows;
        this.schema = schema;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    /** The JSON Schema of a definition document. */
    @GET
    @Path("schema")
    public JsonNode definitionSchema() {
        return schema.document();
    }

    /** Creates a workflow with the definition as its draft; publish it to start enrolling. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@RequestBody(content = @Content(schema = @Schema(ref = "WorkflowDefinition"))) String body,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        DefinitionChecker.Checked checked = workflows.check(body);
        return idempotentCreate.create(WorkflowService.IDEMPOTENCY_SCOPE, idempotencyKey, checked.document(),
                () -> workflows.create(caller, checked).map(w -> Response.status(Response.Status.CREATED)
                        .location(uri.getBaseUriBuilder().path("api/v1/workflows").path(w.id().toString()).build())
                        .tag(new EntityTag(w.etag()))
                        .entity(w)
                        .build()));
    }

    /** Newest first. */
    @GET
    public Uni<Page<WorkflowView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(workflows.cursors(), cursor);
        q.validate();
        return workflows.list(caller, size, after);
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return workflows.get(caller, Ids.parse(id, "Workflow")).map(WorkflowResource::withTag);
    }

    /** Replaces the draft (If-Match: the ETag read). Running enrollments are not affected. */
    @PUT
    @Path("{id}/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> updateDraft(@PathParam("id") String id,
                                     @RequestBody(content = @Content(schema = @Schema(ref = "WorkflowDefinition"))) String body,
                                     @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var workflowId = Ids.parse(id, "Workflow");
        DefinitionChecker.Checked checked = workflows.check(body);
        return workflows.updateDraft(caller, workflowId, checked, ifMatch).map(WorkflowResource::withTag);
    }

    /** Freezes the draft as the next version (If-Match); new enrollments start on it. */
    @POST
    @Path("{id}/publish")
    public Uni<Response> publish(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return workflows.publish(caller, Ids.parse(id, "Workflow"), ifMatch).map(WorkflowResource::withTag);
    }

    /** Stops new enrollments (running ones go on). */
    @POST
    @Path("{id}/pause")
    public Uni<Response> pause(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return workflows.setStatus(caller, Ids.parse(id, "Workflow"), Workflow.PAUSED, ifMatch).map(WorkflowResource::withTag);
    }

    @POST
    @Path("{id}/resume")
    public Uni<Response> resume(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return workflows.setStatus(caller, Ids.parse(id, "Workflow"), Workflow.ACTIVE, ifMatch).map(WorkflowResource::withTag);
    }

    @GET
    @Path("{id}/versions/{version}")
    public Uni<WorkflowVersionView> version(@PathParam("id") String id, @PathParam("version") String version) {
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw com.keystone.crm.platform.chassis.problem.ProblemException.notFound("Version " + version);
        }
        return workflows.version(caller, Ids.parse(id, "Workflow"), v);
    }

    private static Response withTag(WorkflowView w) {
        return Response.ok(w).tag(new EntityTag(w.etag())).build();
    }
}

package com.keystone.crm.workflow.enrollment.rest;

import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.common.Ids;
import com.keystone.crm.workflow.enrollment.service.EnrollmentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

/** Manual enrollment of a lead in a published workflow: {@code POST /api/v1/workflows/{id}/enrollments}. */
@Path("/api/v1/workflows/{id}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class WorkflowEnrollmentResource {
    private final EnrollmentService enrollments;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public WorkflowEnrollmentResource(EnrollmentService enrollments, Caller caller, IdempotentCreate idempotentCreate) {
        this.enrollments = enrollments;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> enroll(@PathParam("id") String id, @Valid @NotNull EnrollRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        UUID workflowId = Ids.parse(id, "Workflow");
        return idempotentCreate.create(EnrollmentService.IDEMPOTENCY_SCOPE, idempotencyKey, List.of(workflowId, request),
                () -> enrollments.enroll(caller, workflowId, request.leadId()).map(e -> Response.status(Response.Status.CREATED)
                        .location(uri.getBaseUriBuilder().path("api/v1/enrollments").path(e.id().toString()).build())
                        .tag(new EntityTag(e.etag()))
                        .entity(e)
                        .build()));
    }

}

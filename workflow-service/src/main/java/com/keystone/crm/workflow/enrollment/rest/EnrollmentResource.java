package com.keystone.crm.workflow.enrollment.rest;

import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.common.Ids;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.service.EnrollmentService;
import com.keystone.crm.workflow.enrollment.service.EnrollmentView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * Enrollments: {@code /api/v1/enrollments} (lists, one with its step history, pause/resume/exit); the manual
 * enrollment is {@code POST /api/v1/workflows/{id}/enrollments} ({@link WorkflowEnrollmentResource}).
 */
@Path("/api/v1/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class EnrollmentResource {
    private static final List<String> STATES = List.of(EnrollmentState.ACTIVE, EnrollmentState.PAUSED,
            EnrollmentState.COMPLETED, EnrollmentState.EXITED, EnrollmentState.FAILED);

    private final EnrollmentService enrollments;
    private final Caller caller;

    public EnrollmentResource(EnrollmentService enrollments, Caller caller) {
        this.enrollments = enrollments;
        this.caller = caller;
    }

    /** Newest first; filters: workflowId, leadId, state. */
    @GET
        public Uni<Page<EnrollmentView>> list(@QueryParam("workflowId") String workflowId, @QueryParam("leadId") String leadId,
                                          @QueryParam("state") String state, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(enrollments.cursors(), cursor);
        UUID workflow = q.uuid("workflowId", workflowId);
        UUID lead = q.uuid("leadId", leadId);
        if (state != null && !STATES.contains(state)) {
            q.reject("state", "must be one of " + String.join(", ", STATES));
        }
        q.validate();
        return enrollments.list(caller, workflow, lead, state, size, after);
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return enrollments.get(caller, Ids.parse(id, "Enrollment")).map(EnrollmentResource::withTag);
    }

    /** An agent pauses the enrollment: no step runs until it is resumed. */
    @POST
    @Path("{id}/pause")
    public Uni<Response> pause(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return enrollments.pause(caller, Ids.parse(id, "Enrollment"), ifMatch).map(EnrollmentResource::withTag);
    }

    @POST
    @Path("{id}/resume")
    public Uni<Response> resume(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return enrollments.resume(caller, Ids.parse(id, "Enrollment"), ifMatch).map(EnrollmentResource::withTag);
    }

    /** Ends the enrollment (reason manual). */
    @POST
    @Path("{id}/exit")
    public Uni<Response> exit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return enrollments.exit(caller, Ids.parse(id, "Enrollment"), ifMatch).map(EnrollmentResource::withTag);
    }

    private static Response withTag(EnrollmentView e) {
        return Response.ok(e).tag(new EntityTag(e.etag())).build();
    }
}

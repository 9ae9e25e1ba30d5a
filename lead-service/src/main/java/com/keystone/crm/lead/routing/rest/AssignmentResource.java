package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.routing.api.AssignmentRequest;
import com.keystone.crm.lead.routing.api.AssignmentView;
import com.keystone.crm.lead.routing.service.AssignmentService;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A lead's assignment: POST /api/v1/leads/{id}/assignment (team lead or admin) reassigns it by hand;
 * GET /api/v1/leads/{id}/assignments is its decision history, for anyone who can see the lead.
 */
@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class AssignmentResource {
    private final AssignmentService assignments;
    private final Caller caller;

    public AssignmentResource(AssignmentService assignments, Caller caller) {
        this.assignments = assignments;
        this.caller = caller;
    }

    /** 200 with the lead's assignee and version (ETag) now, and the decision made (null if nothing changed). */
    @POST
    @Path("/{id}/assignment")
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Response> reassign(@PathParam("id") String id, @Valid @NotNull AssignmentRequest request,
                                  @HeaderParam("If-Match") String ifMatch) {
        return assignments.reassign(caller, LeadFinder.parseId(id), request, ifMatch)
                .map(r -> Response.ok(r).tag(new EntityTag(r.etag())).build());
    }

    @GET
    @Path("/{id}/assignments")
    public Uni<Page<AssignmentView>> history(@PathParam("id") String id, @QueryParam("limit") String limit,
                                                    @QueryParam("cursor") String cursor) {
        return assignments.history(caller, LeadFinder.parseId(id), ListQuery.checkedLimit(limit), cursor);
    }
}

package com.keystone.crm.lead.rest;

import com.keystone.crm.lead.service.LeadFinder;
import com.keystone.crm.lead.service.LeadService;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;


/** Leads: /api/v1/leads. */
@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class LeadResource {
    private final LeadService leads;
    private final Caller caller;

    public LeadResource(LeadService leads, Caller caller) {
        this.leads = leads;
        this.caller = caller;
    }

    /** Creates a lead; a retry with the same Idempotency-Key and body answers with the lead the first one made. */
    @POST
    public Uni<Response> create(@Valid @NotNull CreateLeadRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        return leads.create(caller, request, idempotencyKey).map(created -> Response
                .status(created.replayed() ? Response.Status.OK : Response.Status.CREATED)
                .location(uri.getAbsolutePathBuilder().path(created.lead().id().toString()).build())
                .tag(new EntityTag(created.lead().etag()))
                .entity(created.lead())
                .build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return leads.get(caller, LeadFinder.parseId(id))
                .map(lead -> Response.ok(lead).tag(new EntityTag(lead.etag())).build());
    }
}

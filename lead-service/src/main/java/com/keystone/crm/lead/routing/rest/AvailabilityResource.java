package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.routing.api.AvailabilityRequest;
import com.keystone.crm.lead.routing.service.AvailabilityService;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An agent's availability for routing: /api/v1/agents/{userId}/availability (the agent, their team lead, an admin). */
@Path("/api/v1/agents/{userId}/availability")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class AvailabilityResource {
    private final AvailabilityService availability;
    private final Caller caller;

    public AvailabilityResource(AvailabilityService availability, Caller caller) {
        this.availability = availability;
        this.caller = caller;
    }

    @GET
    public Uni<Response> get(@PathParam("userId") String userId) {
        return availability.get(caller, userId).map(a -> Response.ok(a).tag(new EntityTag(a.etag())).build());
    }

    @PUT
    public Uni<Response> set(@PathParam("userId") String userId, @Valid @NotNull AvailabilityRequest request,
                             @HeaderParam("If-Match") String ifMatch) {
        return availability.set(caller, userId, request, ifMatch)
                .map(a -> Response.ok(a).tag(new EntityTag(a.etag())).build());
    }
}

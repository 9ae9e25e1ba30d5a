package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.UserAdmin;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** A tenant's teams, for its admins. */
@Path("/api/v1/admin/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class TeamAdminResource {
    private final UserAdmin users;
    private final Caller caller;
    private final HttpServerRequest request;

    public TeamAdminResource(UserAdmin users, Caller caller, HttpServerRequest request) {
        this.users = users;
        this.caller = caller;
        this.request = request;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull TeamRequest body, UriInfo uri) {
        return users.createTeam(caller.tenantId(), caller.userId(), body.name(), ClientAddress.of(request))
                .map(t -> Response.created(uri.getAbsolutePathBuilder().path(t.id).build()).entity(TeamView.of(t)).build());
    }

    @GET
    public Uni<List<TeamView>> list() {
        return users.teams(caller.tenantId()).map(all -> all.stream().map(TeamView::of).toList());
    }
}

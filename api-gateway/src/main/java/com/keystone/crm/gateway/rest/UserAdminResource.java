package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.CreateUserRequest;
import com.keystone.crm.gateway.service.Credentials;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** A tenant's users, for its admins: create, list, read, change roles or team, deactivate. */
@Path("/api/v1/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class UserAdminResource {
    private final UserAdmin users;
    private final Credentials credentials;
    private final Caller caller;
    private final HttpServerRequest request;

    public UserAdminResource(UserAdmin users, Credentials credentials, Caller caller, HttpServerRequest request) {
        this.users = users;
        this.credentials = credentials;
        this.caller = caller;
        this.request = request;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull CreateUserRequest body, UriInfo uri) {
        return users.create(caller.tenantId(), caller.userId(), body, ClientAddress.of(request))
                .map(u -> Response.created(uri.getAbsolutePathBuilder().path(u.id).build()).entity(UserView.of(u)).build());
    }

    @GET
    public Uni<List<UserView>> list() {
        return users.list(caller.tenantId()).map(all -> all.stream().map(UserView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<UserView> get(@PathParam("id") String id) {
        return users.get(caller.tenantId(), id).map(UserView::of);
    }

    @PUT
    @Path("/{id}/roles")
    public Uni<UserView> roles(@PathParam("id") String id, @Valid @NotNull RolesRequest body) {
        return users.changeRoles(caller.tenantId(), caller.userId(), id, body.roles(), ClientAddress.of(request)).map(UserView::of);
    }

    @PUT
    @Path("/{id}/team")
    public Uni<UserView> team(@PathParam("id") String id, @Valid @NotNull TeamAssignmentRequest body) {
        return users.changeTeam(caller.tenantId(), caller.userId(), id, body.teamId(), ClientAddress.of(request)).map(UserView::of);
    }

    /** Removes the user's second factor and recovery codes and ends their sessions (a lost phone); audited as totp.reset. */
    @POST
    @Path("/{id}/totp-reset")
    @Consumes(MediaType.WILDCARD)
    public Uni<UserView> resetSecondFactor(@PathParam("id") String id) {
        return credentials.resetSecondFactor(caller.tenantId(), caller.userId(), id, ClientAddress.of(request)).map(UserView::of);
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public Uni<UserView> deactivate(@PathParam("id") String id) {
        return users.deactivate(caller.tenantId(), caller.userId(), id, ClientAddress.of(request)).map(UserView::of);
    }
}

package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.Authenticator;
import com.keystone.crm.gateway.service.TokenPair;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** /auth: login, refresh-token rotation, logout, the caller's profile. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final Authenticator auth;
    private final Caller caller;
    private final JsonWebToken jwt;
    private final HttpServerRequest request;

    public AuthResource(Authenticator auth, Caller caller, JsonWebToken jwt, HttpServerRequest request) {
        this.auth = auth;
        this.caller = caller;
        this.jwt = jwt;
        this.request = request;
    }

    @POST
    @Path("/login")
    public Uni<TokenPair> login(@Valid @NotNull LoginRequest login) {
        return auth.login(login.email(), login.password(), ClientAddress.of(request));
    }

    @POST
    @Path("/refresh")
    public Uni<TokenPair> refresh(@Valid @NotNull RefreshRequest refresh) {
        return auth.refresh(refresh.refreshToken(), ClientAddress.of(request));
    }

    @POST
    @Path("/logout")
    @Authenticated
    public Uni<Response> logout(@Valid LogoutRequest logout) {
        return auth.logout(caller.tenantId(), caller.userId(), jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime()),
                        logout == null ? null : logout.refreshToken(), ClientAddress.of(request))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<UserView> me() {
        return auth.me(caller.tenantId(), caller.userId()).map(UserView::of);
    }
}

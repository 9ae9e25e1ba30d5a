package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.service.Credentials;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** The tenant's settings, for its admins: whether admins must use TOTP. */
@Path("/api/v1/admin/tenant")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantAdminResource {
    private final Credentials credentials;
    private final Caller caller;
    private final HttpServerRequest request;

    public TenantAdminResource(Credentials credentials, Caller caller, HttpServerRequest request) {
        this.credentials = credentials;
        this.caller = caller;
        this.request = request;
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Caller.ADMIN)
    public Uni<Map<String, Object>> settings(@Valid @NotNull TenantSettingsRequest body) {
        return credentials.setAdminTotpRequired(caller.tenantId(), caller.userId(), body.adminTotpRequired(), ip())
                .map(required -> Map.of("tenantId", caller.tenantId(), "adminTotpRequired", required));
    }

    private String ip() {
        return ClientAddress.of(request);
    }
}

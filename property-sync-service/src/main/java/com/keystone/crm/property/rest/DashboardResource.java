package com.keystone.crm.property.rest;

import com.keystone.crm.property.service.DashboardView;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.property.service.DashboardService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The ops dashboard: GET /api/v1/mls/dashboard (JSON, admin) and GET /admin/sync-dashboard, a static page that asks
 * for an admin token (or takes it from the URL fragment #token=..., which browsers never send to a server) and
 * reads the JSON with it. The page itself holds no data, so it is served without a token.
 */
@Path("/")
public class DashboardResource {
    private final DashboardService dashboard;
    private final Caller caller;

    public DashboardResource(DashboardService dashboard, Caller caller) {
        this.dashboard = dashboard;
        this.caller = caller;
    }

    @GET
    @Path("/api/v1/mls/dashboard")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    public Uni<DashboardView> view() {
        return dashboard.view(caller.tenantId());
    }

    @GET
    @Path("/admin/sync-dashboard")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public Response page() {
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/sync-dashboard.html")) {
            return Response.ok(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

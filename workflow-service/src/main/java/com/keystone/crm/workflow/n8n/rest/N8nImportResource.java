package com.keystone.crm.workflow.n8n.rest;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.n8n.service.N8nImportService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Migration from n8n: an n8n workflow export in, a draft workflow and a report of what did not map out (201). */
@Path("/api/v1/workflows/import/n8n")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
public class N8nImportResource {
    private final N8nImportService imports;
    private final Caller caller;

    public N8nImportResource(N8nImportService imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> importN8n(String body, UriInfo uri) {
        return imports.importDraft(caller, body).map(v -> Response.status(Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("api/v1/workflows").path(v.workflow().id().toString()).build())
                .entity(v).build());
    }
}

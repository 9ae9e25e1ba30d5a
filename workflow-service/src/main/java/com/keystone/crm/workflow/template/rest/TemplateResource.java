package com.keystone.crm.workflow.template.rest;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.definition.service.WorkflowView;
import com.keystone.crm.workflow.template.service.TemplateSeeder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code POST /api/v1/workflows/templates}: gives the caller's tenant the template workflows it lacks (published,
 * paused) and answers all of them; the local stack calls it for the demo tenant. Tenants also get them with their
 * first lead.
 */
@Path("/api/v1/workflows/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class TemplateResource {
    private final TemplateSeeder seeder;
    private final Caller caller;

    public TemplateResource(TemplateSeeder seeder, Caller caller) {
        this.seeder = seeder;
        this.caller = caller;
    }

    @POST
    public Uni<List<WorkflowView>> seed() {
        return seeder.seed(caller.tenantId());
    }
}

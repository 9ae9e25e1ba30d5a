package com.keystone.crm.scoring.model.rest;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.model.domain.ModelAuditEntry;
import com.keystone.crm.scoring.model.service.ModelRegistry;
import com.keystone.crm.scoring.model.service.ModelView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The model registry: /api/v1/models (list, card and metrics; admins promote and roll back). */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
public class ModelResource {
    private final ModelRegistry registry;
    private final Caller caller;

    public ModelResource(ModelRegistry registry, Caller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    public Uni<Map<String, List<ModelView>>> list() {
        return registry.list(caller).map(items -> Map.of("items", items));
    }

    @GET
    @Path("/{id}")
    public Uni<ModelView> get(@PathParam("id") String id) {
        return registry.get(caller, parse(id));
    }

    @POST
    @Path("/{id}/promote")
    @RolesAllowed(Caller.ADMIN)
    public Uni<ModelView> promote(@PathParam("id") String id) {
        return registry.promote(caller, parse(id));
    }

    @POST
    @Path("/rollback")
    @RolesAllowed(Caller.ADMIN)
    public Uni<ModelView> rollback() {
        return registry.rollback(caller);
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Caller.ADMIN)
    public Uni<Map<String, List<ModelAuditEntry>>> audit() {
        return registry.audit(caller).map(items -> Map.of("items", items));
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Model " + id);
        }
    }
}

package com.keystone.crm.scoring.ab.rest;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.ab.domain.AbReport;
import com.keystone.crm.scoring.ab.service.AbTestService;
import com.keystone.crm.scoring.model.service.ModelView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The tenant's champion/challenger test, /api/v1/models/challenger: start it with a model and a share of the
 * leads, read the report (team leads and admins), promote the challenger (only when it won with confidence) or stop.
 */
@Path("/api/v1/models/challenger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class AbTestResource {
    private final AbTestService tests;
    private final Caller caller;

    public AbTestResource(AbTestService tests, Caller caller) {
        this.tests = tests;
        this.caller = caller;
    }

    /** {@code modelId}: the challenger; {@code share}: its part of the leads, above 0 and below 1 (default configured). */
    public record StartTest(@NotNull String modelId,
                            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double share) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ModelView> start(@Valid @NotNull StartTest request) {
        UUID id;
        try {
            id = UUID.fromString(request.modelId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Model " + request.modelId());
        }
        return tests.start(caller, id, request.share());
    }

    @GET
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<AbReport> report() {
        return tests.report(caller);
    }

    @POST
    @Path("/promote")
    public Uni<ModelView> promote() {
        return tests.promote(caller);
    }

    @DELETE
    public Uni<ModelView> stop() {
        return tests.stop(caller);
    }
}

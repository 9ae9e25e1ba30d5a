package com.keystone.crm.scoring.training.rest;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.training.service.TrainingRunRequest;
import com.keystone.crm.scoring.training.service.TrainingRunService;
import com.keystone.crm.scoring.training.service.TrainingRunView;
import com.keystone.crm.scoring.training.service.TrainingWorker;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Training runs: /api/v1/training-runs (admins ask for one; 202, then poll it). */
@Path("/api/v1/training-runs")
@RolesAllowed(Caller.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TrainingRunResource {
    private final TrainingRunService runs;
    private final TrainingWorker worker;
    private final Caller caller;

    public TrainingRunResource(TrainingRunService runs, TrainingWorker worker, Caller caller) {
        this.runs = runs;
        this.worker = worker;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> request(@Valid @NotNull TrainingRunRequest request, UriInfo uri) {
        return runs.request(caller, request).invoke(worker::wake).map(run -> Response.accepted(run)
                .location(uri.getBaseUriBuilder().path("api/v1/training-runs").path(run.id().toString()).build()).build());
    }

    @GET
    @Path("/{id}")
    public Uni<TrainingRunView> get(@PathParam("id") String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Training run " + id);
        }
        return runs.get(caller, runId);
    }
}

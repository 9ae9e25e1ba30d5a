package com.keystone.crm.workflow.simulation.rest;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.common.Ids;
import com.keystone.crm.workflow.simulation.service.SimulationRequest;
import com.keystone.crm.workflow.simulation.service.SimulationView;
import com.keystone.crm.workflow.simulation.service.Simulator;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Dry runs without side effects: {@code POST /api/v1/workflows/simulate} ({@code {"definition": ..., "leadId" | "lead",
 * "enrollAt"}}) and {@code POST /api/v1/workflows/{id}/simulate} (the workflow's draft).
 */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class SimulationResource {
    private final Simulator simulator;
    private final Caller caller;

    public SimulationResource(Simulator simulator, Caller caller) {
        this.simulator = simulator;
        this.caller = caller;
    }

    @POST
    @Path("simulate")
    public Uni<SimulationView> simulate(@Valid SimulationBody body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (body == null || body.definition() == null || !body.definition().isObject()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "A definition is required")
                    .withErrors(List.of(new Problem.FieldError("definition", "is required"))));
        }
        return simulator.simulate(caller, authorization, body.definition(), body.request());
    }

    @POST
    @Path("{id}/simulate")
    public Uni<SimulationView> simulateDraft(@PathParam("id") String id, @Valid SimulationRequest request,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return simulator.simulateDraft(caller, authorization, Ids.parse(id, "Workflow"),
                request == null ? new SimulationRequest(null, null, null) : request);
    }
}

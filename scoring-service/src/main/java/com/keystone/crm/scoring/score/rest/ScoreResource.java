package com.keystone.crm.scoring.score.rest;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.scoring.score.service.ScoreService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A lead's score with every feature's contribution: /api/v1/scores/{leadId}. */
@Path("/api/v1/scores")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class ScoreResource {
    private final ScoreService scores;
    private final Caller caller;

    public ScoreResource(ScoreService scores, Caller caller) {
        this.scores = scores;
        this.caller = caller;
    }

    @GET
    @Path("/{leadId}")
    public Uni<ScoreService.ScoreView> get(@PathParam("leadId") String leadId) {
        UUID id;
        try {
            id = UUID.fromString(leadId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Lead " + leadId);
        }
        return scores.explain(caller, id);
    }
}

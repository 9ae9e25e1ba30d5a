package com.keystone.crm.lead.ingest.rest;

import com.keystone.crm.lead.ingest.api.IngestionResult;
import com.keystone.crm.lead.ingest.api.LeadEventRequest;
import com.keystone.crm.lead.ingest.service.LeadIngestion;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Lead ingestion for lead sources (web forms, portals, open houses): /api/v1/lead-events. */
@Path("/api/v1/lead-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN, LeadEventResource.INTEGRATION})
public class LeadEventResource {
    /** The role of a lead source's machine token. */
    static final String INTEGRATION = LeadIngestion.INTEGRATION_ROLE;

    private final LeadIngestion ingestion;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public LeadEventResource(LeadIngestion ingestion, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.ingestion = ingestion;
        this.caller = caller;
    }

    /** 201 when a lead was created, 200 when the inquiry merged into an existing lead; a retry replays the first answer. */
    @POST
    public Uni<Response> ingest(@Valid @NotNull LeadEventRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.badRequest("idempotency-key-required",
                    "Lead sources must send an Idempotency-Key so a retried delivery does not count twice");
        }
        return idempotentCreate.create(LeadIngestion.IDEMPOTENCY_SCOPE, idempotencyKey, request,
                () -> ingestion.ingest(caller, request).map(result -> Response
                        .status(IngestionResult.CREATED.equals(result.outcome()) ? Response.Status.CREATED : Response.Status.OK)
                        .location(uri.getBaseUriBuilder().path("api/v1/leads").path(result.leadId().toString()).build())
                        .entity(result)
                        .build()));
    }
}

package com.keystone.crm.lead.savedsearch.rest;

import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.savedsearch.api.SavedSearchQuery;
import com.keystone.crm.lead.savedsearch.api.SavedSearchRequest;
import com.keystone.crm.lead.savedsearch.api.SavedSearchView;
import com.keystone.crm.lead.savedsearch.service.SavedSearchService;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** A lead's saved searches: /api/v1/leads/{id}/saved-searches. */
@Path("/api/v1/leads/{leadId}/saved-searches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class SavedSearchLeadResource {
    private final SavedSearchService searches;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public SavedSearchLeadResource(SavedSearchService searches, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.searches = searches;
        this.caller = caller;
    }

    /**
     * Saves a search for the lead (201, Location /api/v1/saved-searches/{id}, ETag); a retry with the same
     * Idempotency-Key and body gets the first answer again (status, headers, body).
     */
    @POST
    public Uni<Response> create(@PathParam("leadId") String leadId, @Valid @NotNull SavedSearchRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        UUID lead = LeadFinder.parseId(leadId);
        // the same key and body for another lead is another request
        return idempotentCreate.create(SavedSearchService.IDEMPOTENCY_SCOPE, idempotencyKey, List.of(lead, request),
                () -> searches.create(caller, lead, request).map(search -> Response.status(Response.Status.CREATED)
                        .location(uri.getBaseUriBuilder().path("api/v1/saved-searches").path(search.id().toString()).build())
                        .tag(new EntityTag(search.etag()))
                        .entity(search)
                        .build()));
    }

    /** The lead's searches, oldest first; {@code limit} (default 50, at most 200), {@code cursor}, {@code updatedSince}. */
    @GET
    public Uni<Page<SavedSearchView>> list(@PathParam("leadId") String leadId, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor, @QueryParam("updatedSince") String updatedSince) {
        return searches.listForLead(caller, LeadFinder.parseId(leadId), SavedSearchQuery.parse(searches.cursors(), limit, cursor, updatedSince));
    }
}

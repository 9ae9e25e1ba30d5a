package com.keystone.crm.lead.savedsearch.rest;

import com.keystone.crm.lead.savedsearch.api.SavedSearchQuery;
import com.keystone.crm.lead.savedsearch.api.SavedSearchRequest;
import com.keystone.crm.lead.savedsearch.api.SavedSearchView;
import com.keystone.crm.lead.savedsearch.service.SavedSearchService;
import com.keystone.crm.platform.chassis.http.IfNoneMatch;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** Saved searches by id, and all those of the leads the caller may see: /api/v1/saved-searches. */
@Path("/api/v1/saved-searches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class SavedSearchResource {
    private final SavedSearchService searches;
    private final Caller caller;

    public SavedSearchResource(SavedSearchService searches, Caller caller) {
        this.searches = searches;
        this.caller = caller;
    }

    /** The searches of every lead the caller may see, oldest first; {@code limit}, {@code cursor}, {@code updatedSince}. */
    @GET
    public Uni<Page<SavedSearchView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                     @QueryParam("updatedSince") String updatedSince) {
        return searches.listVisible(caller, SavedSearchQuery.parse(searches.cursors(), limit, cursor, updatedSince));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return searches.get(caller, parseId(id)).map(s -> IfNoneMatch.ok(s, s.etag(), ifNoneMatch));
    }

    /** Replaces the criteria; If-Match is required (428 without, 412 when stale). */
    @PUT
    @Path("/{id}")
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull SavedSearchRequest request,
                                @HeaderParam("If-Match") String ifMatch) {
        return searches.update(caller, parseId(id), request, ifMatch)
                .map(s -> Response.ok(s).tag(new EntityTag(s.etag())).build());
    }

    /** Soft delete (204): the search stops matching; If-Match is required. */
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return searches.delete(caller, parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    /** Anything that is not a UUID is a search that does not exist. */
    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Saved search " + id);
        }
    }
}

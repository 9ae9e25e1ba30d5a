package com.keystone.crm.lead.rest;

import com.keystone.crm.lead.repository.SeekCursor;
import com.keystone.crm.lead.service.LeadFinder;
import com.keystone.crm.lead.service.NoteService;
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

import java.util.UUID;

/** A lead's notes: /api/v1/leads/{leadId}/notes (one note is under /api/v1/notes, see {@link NoteEditResource}). */
@Path("/api/v1/leads/{leadId}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class NoteResource {
    private final NoteService notes;
    private final Caller caller;

    public NoteResource(NoteService notes, Caller caller) {
        this.notes = notes;
        this.caller = caller;
    }

    /** Adds a note; a retry with the same Idempotency-Key and body answers 200 with the note the first one made. */
    @POST
    public Uni<Response> create(@PathParam("leadId") String leadId, @Valid @NotNull NoteRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        UUID lead = LeadFinder.parseId(leadId);
        return notes.create(caller, lead, request, idempotencyKey)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::retryCreate)
                .map(created -> Response
                        .status(created.replayed() ? Response.Status.OK : Response.Status.CREATED)
                        .location(uri.getBaseUriBuilder().path("api/v1/notes").path(created.note().id().toString()).build())
                        .tag(new EntityTag(created.note().etag()))
                        .entity(created.note())
                        .build());
    }

    /** Newest first; {@code nextCursor} is null on the last page. */
    @GET
    public Uni<SeekCursor.Page<NoteView>> list(@PathParam("leadId") String leadId, @QueryParam("limit") String limit,
                                               @QueryParam("cursor") String cursor) {
        UUID lead = LeadFinder.parseId(leadId);
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        SeekCursor after = q.cursor(cursor);
        q.validate();
        return notes.list(caller, lead, size, after);
    }
}

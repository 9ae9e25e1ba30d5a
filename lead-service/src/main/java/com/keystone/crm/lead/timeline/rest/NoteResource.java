package com.keystone.crm.lead.timeline.rest;

import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.timeline.api.NoteRequest;
import com.keystone.crm.lead.timeline.service.NoteService;
import com.keystone.crm.lead.web.ConcurrentWrites;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A lead's notes: /api/v1/leads/{leadId}/notes (one note is under /api/v1/notes, see {@link NoteEditResource}). */
@Path("/api/v1/leads/{leadId}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class NoteResource {
    private final NoteService notes;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public NoteResource(NoteService notes, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.notes = notes;
        this.caller = caller;
    }

    /** Adds a note; a retry with the same Idempotency-Key and body gets the first answer again. */
    @POST
    public Uni<Response> create(@PathParam("leadId") String leadId, @Valid @NotNull NoteRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        UUID lead = LeadFinder.parseId(leadId);
        return idempotentCreate.create(NoteService.IDEMPOTENCY_SCOPE, idempotencyKey, List.of(lead, request),
                        () -> notes.create(caller, lead, request).map(note -> Response.status(Response.Status.CREATED)
                                .location(uri.getBaseUriBuilder().path("api/v1/notes").path(note.id().toString()).build())
                                .tag(new EntityTag(note.etag()))
                                .entity(note)
                                .build()))
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::retryCreate);
    }

    /**
     * Newest first; {@code nextCursor} is null on the last page. With {@code updatedSince} (the app's delta sync): the
     * notes changed at or after it, oldest change first, deleted ones as tombstones.
     */
    @GET
    public Uni<Page<Object>> list(@PathParam("leadId") String leadId, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor, @QueryParam("updatedSince") String updatedSince) {
        UUID lead = LeadFinder.parseId(leadId);
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        if (updatedSince != null) {
            Instant since = q.instant("updatedSince", updatedSince);
            if (since == null && !q.hasErrors()) {
                q.reject("updatedSince", "must be an ISO-8601 instant such as 2026-01-31T17:00:00Z");
            }
            Cursor after = q.cursor(notes.changeCursors(), cursor);
            q.validate();
            return notes.changes(caller, lead, since, size, after);
        }
        Cursor after = q.cursor(notes.cursors(), cursor);
        q.validate();
        return notes.list(caller, lead, size, after).map(page -> page.map(note -> (Object) note));
    }
}

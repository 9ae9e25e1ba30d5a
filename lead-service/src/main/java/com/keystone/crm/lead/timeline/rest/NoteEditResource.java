package com.keystone.crm.lead.timeline.rest;

import com.keystone.crm.lead.timeline.api.NoteRequest;
import com.keystone.crm.lead.timeline.service.NoteService;
import com.keystone.crm.lead.web.ConcurrentWrites;
import com.keystone.crm.platform.chassis.http.IfNoneMatch;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * One note: /api/v1/notes/{noteId}. Readable by whoever sees its lead; editable and deletable (soft) by its author
 * or an admin. Edits need If-Match.
 */
@Path("/api/v1/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class NoteEditResource {
    private final NoteService notes;
    private final Caller caller;

    public NoteEditResource(NoteService notes, Caller caller) {
        this.notes = notes;
        this.caller = caller;
    }

    @GET
    @Path("/{noteId}")
    public Uni<Response> get(@PathParam("noteId") String noteId, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return notes.get(caller, parseId(noteId)).map(note -> IfNoneMatch.ok(note, note.etag(), ifNoneMatch));
    }

    @PATCH
    @Path("/{noteId}")
    public Uni<Response> edit(@PathParam("noteId") String noteId, @Valid @NotNull NoteRequest request,
                              @HeaderParam("If-Match") String ifMatch) {
        UUID id = parseId(noteId);
        return notes.edit(caller, id, request, ifMatch)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::staleUpdate)
                .map(note -> Response.ok(note).tag(new EntityTag(note.etag())).build());
    }

    /** Soft delete: 204; the note no longer lists, its note-added timeline entry stays. */
    @DELETE
    @Path("/{noteId}")
    public Uni<Response> delete(@PathParam("noteId") String noteId, @HeaderParam("If-Match") String ifMatch) {
        UUID id = parseId(noteId);
        return notes.delete(caller, id, ifMatch == null ? "*" : ifMatch)
                .onFailure(ConcurrentWrites::isConflict).transform(ConcurrentWrites::staleUpdate)
                .map(v -> Response.noContent().build());
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Note " + id);
        }
    }
}

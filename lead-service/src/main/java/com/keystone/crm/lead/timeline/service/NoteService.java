package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.timeline.api.NoteRequest;
import com.keystone.crm.lead.timeline.api.NoteView;
import com.keystone.crm.lead.timeline.domain.Note;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.repository.NoteRepository;
import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.paging.Tombstone;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Notes on a lead. Anyone who sees the lead reads its notes and may add one (recorded on the timeline as
 * note-added); only the author or an admin edits or deletes one.
 */
@ApplicationScoped
public class NoteService {
    static final String LIST = "notes";
    /** The delta-sync list (updatedSince) is in another order, so its cursors are its own. */
    static final String CHANGES = "notes:changes";
    public static final String IDEMPOTENCY_SCOPE = "note.create";
    static final String NOTE_ADDED = "note-added";
    /** How much of a note the timeline entry (and lead.activity-recorded) carries. */
    static final int SUMMARY_LENGTH = 200;

    private final NoteRepository notes;
    private final LeadFinder finder;
    private final TenantGuard tenantGuard;
    private final ActivityRecorder activities;
    private final CursorCodec cursorCodec;
    private final CrmClock clock;

    public NoteService(NoteRepository notes, LeadFinder finder, TenantGuard tenantGuard, ActivityRecorder activities,
                       CursorCodec cursorCodec, CrmClock clock) {
        this.clock = clock;
        this.cursorCodec = cursorCodec;
        this.notes = notes;
        this.finder = finder;
        this.tenantGuard = tenantGuard;
        this.activities = activities;
    }

    /** The cursors of this list (signed for it: a cursor of another list is a 400). */
    public Keyset cursors() {
        return cursorCodec.list(LIST);
    }

    /** The cursors of the delta-sync list (with updatedSince). */
    public Keyset changeCursors() {
        return cursorCodec.list(CHANGES);
    }

    /** Adds a note (the resource makes it idempotent under an Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<NoteView> create(Caller caller, UUID leadId, NoteRequest request) {
        return tenantGuard.requireKnown(caller.tenantId())
                .chain(() -> finder.visible(caller, leadId))
                .chain(lead -> insert(caller, lead, request))
                .map(NoteView::of);
    }

    @WithSession
    public Uni<Page<NoteView>> list(Caller caller, UUID leadId, int limit, Cursor after) {
        return finder.visible(caller, leadId)
                .chain(lead -> notes.newestFirst(caller.tenantId(), leadId, after, limit + 1))
                .map(rows -> cursors().page(rows, limit, NoteView::of, n -> Cursor.at(n.id, n.createdAt)));
    }

    /**
     * The app's delta sync: the lead's notes changed at or after {@code since}, oldest change first; a note deleted
     * since is a tombstone ({@code id}, {@code deleted}, {@code deletedAt}) so the app drops its copy.
     */
    @WithSession
    public Uni<Page<Object>> changes(Caller caller, UUID leadId, Instant since, int limit, Cursor after) {
        return finder.visible(caller, leadId)
                .chain(lead -> notes.changedSince(caller.tenantId(), leadId, since, after, limit + 1))
                .map(rows -> changeCursors().page(rows, limit, NoteService::syncView,
                        n -> Cursor.at(n.id, n.updatedAt)));
    }

    private static Object syncView(Note n) {
        return n.deletedAt != null ? Tombstone.of(n.id, n.deletedAt) : NoteView.of(n);
    }

    @WithSession
    public Uni<NoteView> get(Caller caller, UUID noteId) {
        return visible(caller, noteId).map(NoteView::of);
    }

    @WithTransaction
    public Uni<NoteView> edit(Caller caller, UUID noteId, NoteRequest request, String ifMatch) {
        return visible(caller, noteId).chain(note -> {
            requireAuthorOrAdmin(caller, note);
            IfMatch.require(ifMatch, note.aggregateVersion());
            note.body = request.body();
            note.updatedAt = now();
            // flushed here so the answer carries the version (and ETag) the update produced
            return notes.flush().map(v -> NoteView.of(note));
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID noteId, String ifMatch) {
        return visible(caller, noteId).chain(note -> {
            requireAuthorOrAdmin(caller, note);
            IfMatch.require(ifMatch, note.aggregateVersion());
            note.deletedAt = now();
            note.deletedBy = caller.userId();
            note.updatedAt = note.deletedAt;
            return notes.flush();
        });
    }

    /** A live note on a lead the caller sees; anything else is 404. */
    private Uni<Note> visible(Caller caller, UUID noteId) {
        return notes.findLive(caller.tenantId(), noteId)
                .chain(note -> {
                    if (note == null) {
                        throw ProblemException.notFound("Note " + noteId);
                    }
                    return finder.visible(caller, note.leadId)
                            .onFailure(ProblemException.class).transform(e -> ProblemException.notFound("Note " + noteId))
                            .replaceWith(note);
                });
    }

    private Uni<Note> insert(Caller caller, Lead lead, NoteRequest request) {
        Instant now = now();
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.tenantId = lead.tenantId;
        note.leadId = lead.id;
        note.authorId = caller.userId();
        note.body = request.body();
        note.createdAt = now;
        note.updatedAt = now;
        return notes.persist(note)
                .call(n -> activities.record(lead, NOTE_ADDED, ActivityTimelineService.excerpt(n.body, SUMMARY_LENGTH),
                        n.authorId, now, null, ActivityEvents.Fields.details(Map.of("noteId", n.id.toString()))));
    }

    private static void requireAuthorOrAdmin(Caller caller, Note note) {
        if (!caller.isAdmin() && !caller.userId().equals(note.authorId)) {
            throw ProblemException.forbidden("not-note-author", "Only the note's author or an admin may change it");
        }
    }


    private Instant now() {
        return clock.now();
    }
}

package com.keystone.crm.lead.timeline.api;

import com.keystone.crm.lead.timeline.domain.Note;

import java.time.Instant;
import java.util.UUID;

/** A note as the app sees it. */
public record NoteView(UUID id, UUID leadId, String authorId, String body, Instant createdAt, Instant updatedAt,
                       long version) {
    public static NoteView of(Note n) {
        return new NoteView(n.id, n.leadId, n.authorId, n.body, n.createdAt, n.updatedAt, n.aggregateVersion());
    }

    public String etag() {
        return Long.toString(version);
    }
}

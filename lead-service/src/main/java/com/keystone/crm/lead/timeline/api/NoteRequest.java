package com.keystone.crm.lead.timeline.api;

import com.keystone.crm.lead.timeline.domain.Note;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /api/v1/leads/{id}/notes and PATCH /api/v1/notes/{noteId}. */
public record NoteRequest(@NotBlank @Size(max = Note.MAX_BODY) String body) {
}

package com.keystone.crm.lead.ingest.api;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** The body of POST /api/v1/leads/{id}/merge: the duplicate that merges into the lead of the path. */
public record MergeLeadsRequest(@NotNull UUID duplicateLeadId) {
}

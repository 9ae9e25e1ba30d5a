package com.keystone.crm.lead.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/** What an ingested inquiry did: created a lead or merged into an existing one (a retry replays the first answer). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestionResult(UUID leadId, String outcome, List<String> changedFields) {
    public static final String CREATED = "created";
    public static final String MERGED = "merged";
}

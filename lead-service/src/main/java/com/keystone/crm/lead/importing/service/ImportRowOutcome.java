package com.keystone.crm.lead.importing.service;

import java.util.List;
import java.util.UUID;

/** What became of one row: a new lead, a merge into an existing one, a rejection with its problems, or a blank line. */
public record ImportRowOutcome(ImportRowInput row, Kind kind, UUID leadId, List<ImportRowProblem> problems) {
    public enum Kind { CREATED, MERGED, FAILED, SKIPPED }

    static ImportRowOutcome created(ImportRowInput row, UUID leadId) {
        return new ImportRowOutcome(row, Kind.CREATED, leadId, List.of());
    }

    static ImportRowOutcome merged(ImportRowInput row, UUID leadId) {
        return new ImportRowOutcome(row, Kind.MERGED, leadId, List.of());
    }

    static ImportRowOutcome failed(ImportRowInput row, List<ImportRowProblem> problems) {
        return new ImportRowOutcome(row, Kind.FAILED, null, problems);
    }

    static ImportRowOutcome skipped(ImportRowInput row) {
        return new ImportRowOutcome(row, Kind.SKIPPED, null, List.of());
    }
}

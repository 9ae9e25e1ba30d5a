package com.keystone.crm.lead.importing.service;

import java.util.List;

/** What a CSV row turned out to be: a lead to import, a row with problems, or a blank line. */
public record ImportRowReading(ImportRowDraft draft, List<ImportRowProblem> problems) {
    static final ImportRowReading BLANK = new ImportRowReading(null, List.of());

    public boolean isBlank() {
        return draft == null && problems.isEmpty();
    }

    public boolean isRejected() {
        return !problems.isEmpty();
    }
}

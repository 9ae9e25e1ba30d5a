package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.lead.csv.CsvLine;
import com.keystone.crm.lead.importing.api.ImportRowErrorView;
import com.keystone.crm.lead.importing.domain.ImportRowError;
import com.keystone.crm.lead.importing.domain.LeadImportJob;
import com.keystone.crm.lead.importing.repository.ImportRowErrorRepository;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** An import's per-row error report: JSON pages, or the whole report as CSV streamed page by page. */
@ApplicationScoped
public class ImportRowErrorReport {
    static final String LIST = "import-errors";
    static final int CSV_PAGE = 500;
    private static final TypeReference<List<ImportRowProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final LeadImportService imports;
    private final ImportRowErrorRepository errors;
    private final ObjectMapper json;
    private final CursorCodec cursorCodec;

    public ImportRowErrorReport(LeadImportService imports, ImportRowErrorRepository errors, ObjectMapper json,
                                CursorCodec cursorCodec) {
        this.cursorCodec = cursorCodec;
        this.imports = imports;
        this.errors = errors;
        this.json = json;
    }

    /** The cursors of a job's error report: signed for that job, so a cursor of another report is a 400. */
    public Keyset cursors(UUID jobId) {
        return cursorCodec.list(LIST + ":" + jobId);
    }

    @WithSession
    public Uni<Page<ImportRowErrorView>> page(Caller caller, UUID jobId, int limit, Cursor cursor) {
        int after = cursor == null ? 0 : cursor.intKey(0);
        return imports.visible(caller, jobId)
                .chain(job -> errors.page(jobId, after, limit + 1)
                        .map(rows -> cursors(jobId).page(rows, limit, e -> view(job, e), e -> Cursor.at(jobId, e.rowNumber))));
    }

    /** The report's CSV lines (header first), read from the database a page at a time while they are sent. */
    public Multi<String> csv(LeadImportJob job) {
        List<String> head = new ArrayList<>(List.of("row", "errors"));
        head.addAll(List.of(job.headers));
        AtomicInteger after = new AtomicInteger();
        Multi<String> body = Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> errors.page(job.id, after.get(), CSV_PAGE))
                        .invoke(rows -> {
                            if (!rows.isEmpty()) {
                                after.set(rows.get(rows.size() - 1).rowNumber);
                            }
                        }))
                .whilst(rows -> rows.size() == CSV_PAGE)
                .onItem().disjoint()
                .map(e -> CsvLine.of(csvCells(job, (ImportRowError) e)));
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(CsvLine.of(head.toArray(String[]::new))), body);
    }

    private ImportRowErrorView view(LeadImportJob job, ImportRowError e) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < e.rawValues.length; i++) {
            String name = i < job.headers.length && !job.headers[i].isBlank() ? job.headers[i] : "column " + (i + 1);
            values.put(values.containsKey(name) ? name + " (" + (i + 1) + ")" : name, e.rawValues[i]);
        }
        return new ImportRowErrorView(e.rowNumber, problems(e), values);
    }

    private String[] csvCells(LeadImportJob job, ImportRowError e) {
        String[] cells = new String[2 + Math.max(job.headers.length, e.rawValues.length)];
        cells[0] = Integer.toString(e.rowNumber);
        cells[1] = problems(e).stream()
                .map(p -> p.column() == null ? p.message() : p.column() + ": " + p.message())
                .collect(Collectors.joining("; "));
        System.arraycopy(e.rawValues, 0, cells, 2, e.rawValues.length);
        return cells;
    }

    private List<ImportRowProblem> problems(ImportRowError e) {
        try {
            return json.readValue(e.problems, PROBLEMS);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("unreadable problems of row " + e.rowNumber, ex);
        }
    }
}

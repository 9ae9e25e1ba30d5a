package com.keystone.crm.lead.importing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.importing.config.LeadImportConfig;
import com.keystone.crm.lead.importing.domain.ImportJobStatus;
import com.keystone.crm.lead.importing.domain.ImportRowError;
import com.keystone.crm.lead.importing.repository.ImportRowErrorRepository;
import com.keystone.crm.lead.importing.repository.LeadImportCounts;
import com.keystone.crm.lead.importing.repository.LeadImportFileRepository;
import com.keystone.crm.lead.importing.repository.LeadImportJobRepository;
import com.keystone.crm.lead.ingest.service.LeadMatcher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The import's transactions. A batch commits its leads and events, its error entries, the job's counters and
 * the checkpoint (its last row) together: after a crash the job resumes after the checkpoint and no row is
 * imported twice or lost. Each transaction first renews the worker's lease (which also locks the job row); a lost
 * lease writes nothing and answers false.
 */
@ApplicationScoped
public class LeadImportBatches {
    /** Longest raw cell kept in the error report (mapped cells that long are rejected by the row rules anyway). */
    static final int MAX_RAW_CHARS = 10_000;
    static final int LOCK_SLICE = 100;

    private final ImportRowMapper mapper;
    private final LeadMatcher matcher;
    private final ImportRowWriter writer;
    private final LeadImportJobRepository jobs;
    private final LeadImportFileRepository files;
    private final ImportRowErrorRepository errors;
    private final ObjectMapper json;
    private final LeadImportConfig config;

    public LeadImportBatches(ImportRowMapper mapper, LeadMatcher matcher, ImportRowWriter writer, LeadImportJobRepository jobs,
                             LeadImportFileRepository files, ImportRowErrorRepository errors, ObjectMapper json,
                             LeadImportConfig config) {
        this.mapper = mapper;
        this.matcher = matcher;
        this.writer = writer;
        this.jobs = jobs;
        this.files = files;
        this.errors = errors;
        this.json = json;
        this.config = config;
    }

    /**
     * Imports the rows (in file order, so a later row merges into an earlier one) in one transaction. The contact
     * locks of the whole batch are taken first, in the sorted order lead ingestion uses, so a batch and a
     * concurrent ingestion of the same person wait for each other instead of deadlocking.
     */
    public Uni<Boolean> importRows(LeadImportRun run, List<ImportRowPrepared> prepared) {
        int checkpoint = prepared.get(prepared.size() - 1).row().rowNumber();
        Map<String, Optional<Agent>> agents = new HashMap<>();
        return Panache.withTransaction(() -> jobs.renew(run.jobId(), run.owner(), config.lease())
                .chain(held -> !held ? Uni.createFrom().item(false) : lockContacts(run.tenantId(), prepared)
                        .chain(() -> Multi.createFrom().iterable(prepared)
                                .onItem().transformToUniAndConcatenate(p -> importRow(run, p, agents))
                                .collect().asList())
                        .chain(outcomes -> record(run, outcomes, checkpoint))));
    }

    /** Maps and validates the rows: CPU work, for the worker's thread rather than the event loop. */
    public List<ImportRowPrepared> prepare(LeadImportRun run, List<ImportRowInput> rows) {
        return rows.stream().map(row -> new ImportRowPrepared(row, mapper.read(run.plan(), row.rowNumber(), row.values()))).toList();
    }

    /** A row whose own transaction failed unexpectedly: recorded as failed with the reason, the job moves on. */
    public Uni<Boolean> rejectRow(LeadImportRun run, ImportRowInput row, String reason) {
        ImportRowOutcome failed = ImportRowOutcome.failed(row, List.of(ImportRowProblem.ofRow("could not be imported: " + reason)));
        return Panache.withTransaction(() -> jobs.renew(run.jobId(), run.owner(), config.lease())
                .chain(held -> !held ? Uni.createFrom().item(false) : record(run, List.of(failed), row.rowNumber())));
    }

    public Uni<Boolean> total(LeadImportRun run, int totalRows) {
        return Panache.withTransaction(() -> jobs.total(run.jobId(), run.owner(), totalRows));
    }

    /** The job is done: final status, and the stored file is no longer needed. */
    public Uni<Boolean> complete(LeadImportRun run) {
        return Panache.withTransaction(() -> jobs.finish(run.jobId(), run.owner(), ImportJobStatus.COMPLETED, null)
                .call(done -> done ? files.deleteAll(run.jobId()) : Uni.createFrom().voidItem()));
    }

    /**
     * The job cannot go on (the file stops being CSV at {@code rowNumber}, or it was retried too often): rows
     * already committed stay imported, the reason is on the job and, with a row, in the error report.
     */
    public Uni<Boolean> fail(LeadImportRun run, Integer rowNumber, String reason) {
        return Panache.withTransaction(() -> {
            Uni<Void> report = Uni.createFrom().voidItem();
            if (rowNumber != null) {
                ImportRowOutcome failed = ImportRowOutcome.failed(new ImportRowInput(rowNumber, new String[0]),
                        List.of(ImportRowProblem.ofRow(reason)));
                // the row may have been reported already (a resumed job re-reads it): the first report stands
                report = errors.findById(new ImportRowError.Key(run.jobId(), rowNumber))
                        .chain(known -> known != null ? Uni.createFrom().voidItem() : errors.persist(entry(run, failed)).replaceWithVoid());
            }
            return report.chain(() -> jobs.finish(run.jobId(), run.owner(), ImportJobStatus.FAILED, abbreviate(reason, 1000)))
                    .call(done -> done ? files.deleteAll(run.jobId()) : Uni.createFrom().voidItem());
        });
    }

    /** Hands the job back to the queue (this worker is stopping). */
    public Uni<Boolean> release(LeadImportRun run) {
        return Panache.withTransaction(() -> jobs.release(run.jobId(), run.owner()));
    }

    private Uni<ImportRowOutcome> importRow(LeadImportRun run, ImportRowPrepared p, Map<String, Optional<Agent>> agents) {
        if (p.reading().isBlank()) {
            return Uni.createFrom().item(ImportRowOutcome.skipped(p.row()));
        }
        if (p.reading().isRejected()) {
            return Uni.createFrom().item(ImportRowOutcome.failed(p.row(), p.reading().problems()));
        }
        // each flush dirty-checks every entity the session holds: emptying it after each row keeps a 500-row batch
        // linear instead of quadratic (the rows' leads are not needed again; later rows find them by query)
        return writer.write(run, p.row(), p.reading().draft(), agents)
                .call(outcome -> Panache.getSession().chain(s -> s.flush().invoke(s::clear)));
    }

    /**
     * LeadMatcher sorts the keys it is given (emails before phones, each in string order) and locks them one query
     * at a time; sorted slices of the batch's keys keep that global order without building one chain per key of
     * the whole batch.
     */
    private Uni<Void> lockContacts(String tenantId, List<ImportRowPrepared> prepared) {
        TreeSet<String> emails = new TreeSet<>();
        TreeSet<String> phones = new TreeSet<>();
        prepared.stream().map(p -> p.reading().draft()).filter(Objects::nonNull).forEach(d -> {
            emails.addAll(d.emails());
            phones.addAll(d.phones());
        });
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<String> slice : slices(emails)) {
            chain = chain.chain(() -> matcher.lockContacts(tenantId, slice, List.of()));
        }
        for (List<String> slice : slices(phones)) {
            chain = chain.chain(() -> matcher.lockContacts(tenantId, List.of(), slice));
        }
        return chain;
    }

    private static List<List<String>> slices(TreeSet<String> sorted) {
        List<List<String>> out = new ArrayList<>();
        List<String> all = new ArrayList<>(sorted);
        for (int i = 0; i < all.size(); i += LOCK_SLICE) {
            out.add(all.subList(i, Math.min(all.size(), i + LOCK_SLICE)));
        }
        return out;
    }

    private Uni<Boolean> record(LeadImportRun run, List<ImportRowOutcome> outcomes, int checkpoint) {
        List<ImportRowError> rejected = new ArrayList<>();
        int created = 0;
        int merged = 0;
        int skipped = 0;
        for (ImportRowOutcome o : outcomes) {
            switch (o.kind()) {
                case CREATED -> created++;
                case MERGED -> merged++;
                case SKIPPED -> skipped++;
                case FAILED -> rejected.add(entry(run, o));
            }
        }
        LeadImportCounts counts = new LeadImportCounts(created, merged, rejected.size(), skipped);
        Uni<Void> report = rejected.isEmpty() ? Uni.createFrom().voidItem() : errors.persist(rejected);
        return report.chain(() -> jobs.advance(run.jobId(), run.owner(), counts, checkpoint));
    }

    private ImportRowError entry(LeadImportRun run, ImportRowOutcome failed) {
        ImportRowError e = new ImportRowError();
        e.jobId = run.jobId();
        e.rowNumber = failed.row().rowNumber();
        try {
            e.problems = json.writeValueAsString(failed.problems());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        String[] raw = failed.row().values();
        e.rawValues = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            e.rawValues[i] = raw[i] == null ? "" : abbreviate(raw[i].replace('\u0000', '\uFFFD'), MAX_RAW_CHARS);
        }
        return e;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

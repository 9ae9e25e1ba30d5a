package com.keystone.crm.lead.importing.service;

import static com.keystone.crm.platform.chassis.worker.LeasedWorker.await;
import com.keystone.crm.lead.importing.config.LeadImportConfig;
import com.keystone.crm.lead.importing.domain.LeadImportJob;
import com.keystone.crm.lead.importing.repository.LeadImportFileRepository;
import com.keystone.crm.lead.importing.repository.LeadImportJobRepository;
import com.keystone.crm.platform.contracts.InvalidEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed job on the worker's own thread: counts the rows (so progress has a total, and a file that stops
 * being CSV fails before anything is imported), then streams the stored file through the CSV parser and imports
 * it batch by batch from the checkpoint. File reading blocks this thread; every database step runs as a reactive
 * transaction on a Vert.x context and is awaited ({@link VertxContextSupport}), which Hibernate Reactive needs.
 */
@ApplicationScoped
public class LeadImportRunner {
    private static final Logger LOG = Logger.getLogger(LeadImportRunner.class);

    private final LeadImportJobRepository jobs;
    private final LeadImportFileRepository files;
    private final LeadImportMappings mappings;
    private final LeadImportBatches batches;
    private final LeadImportConfig config;

    public LeadImportRunner(LeadImportJobRepository jobs, LeadImportFileRepository files, LeadImportMappings mappings,
                            LeadImportBatches batches, LeadImportConfig config) {
        this.jobs = jobs;
        this.files = files;
        this.mappings = mappings;
        this.batches = batches;
        this.config = config;
    }

    /** Until the job ends, its lease is lost or {@code stopping} says so (the job then goes back to the queue). */
    public void run(UUID jobId, String owner, BooleanSupplier stopping) {
        LeadImportJob job = await(() -> Panache.withSession(() -> jobs.findById(jobId)));
        LeadImportMapping mapping = mappings.parse(job.mapping);
        List<String> headers = List.of(job.headers);
        LeadImportRun run = new LeadImportRun(job.id, job.tenantId, job.createdBy, job.fileName, headers,
                mappings.compile(mapping, headers), LeadImportMappings.delimiter(mapping), LeadImportMappings.charset(mapping), owner);
        if (job.attempts > config.maxAttempts()) {
            // the job keeps killing or stalling its workers: stop retrying, keep what was imported
            await(() -> batches.fail(run, null, "gave up after " + config.maxAttempts() + " attempts; rows up to "
                    + job.checkpointRow + " were imported"));
            return;
        }
        LOG.infof("lead import %s: %s at row %d (attempt %d)", jobId, job.totalRows == null ? "starting" : "resuming",
                job.checkpointRow, job.attempts);
        try {
            if (job.totalRows == null) {
                int total = countRows(run);
                if (!await(() -> batches.total(run, total))) {
                    return;
                }
            }
            importFrom(run, job.checkpointRow, stopping);
        } catch (CsvFileException e) {
            LOG.infof("lead import %s failed: %s", jobId, e.getMessage());
            await(() -> batches.fail(run, e.rowNumber(), e.getMessage()));
        }
    }

    private int countRows(LeadImportRun run) throws CsvFileException {
        try (CsvRowReader reader = open(run)) {
            reader.header();
            int rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new CsvFileException(0, "the stored file cannot be read", e);
        }
    }

    private void importFrom(LeadImportRun run, int checkpoint, BooleanSupplier stopping) throws CsvFileException {
        int batchSize = config.batchSize();
        try (CsvRowReader reader = open(run)) {
            reader.header();
            List<ImportRowInput> batch = new ArrayList<>(batchSize);
            String[] values;
            while ((values = reader.next()) != null) {
                if (reader.rowNumber() <= checkpoint) {
                    continue; // committed by an earlier attempt
                }
                batch.add(new ImportRowInput(reader.rowNumber(), values));
                if (batch.size() < batchSize) {
                    continue;
                }
                if (!commit(run, batch)) {
                    return;
                }
                batch = new ArrayList<>(batchSize);
                if (stopping.getAsBoolean()) {
                    await(() -> batches.release(run));
                    LOG.infof("lead import %s: handed back to the queue at row %d", run.jobId(), reader.rowNumber());
                    return;
                }
            }
            if (!batch.isEmpty() && !commit(run, batch)) {
                return;
            }
            if (await(() -> batches.complete(run))) {
                LOG.infof("lead import %s completed", run.jobId());
            }
        } catch (java.io.IOException e) {
            throw new CsvFileException(checkpoint + 1, "the stored file cannot be read", e);
        }
    }

    /**
     * One transaction for the batch; if it fails (a deadlock with a concurrent ingestion, a row the database
     * refuses), each row gets its own, so one bad row costs only itself. False: the lease is lost, stop.
     */
    private boolean commit(LeadImportRun run, List<ImportRowInput> batch) {
        long started = System.nanoTime();
        List<ImportRowPrepared> prepared = batches.prepare(run, batch);
        try {
            boolean held = await(() -> batches.importRows(run, prepared));
            LOG.debugf("lead import %s: %d rows up to row %d in %d ms", run.jobId(), batch.size(),
                    batch.get(batch.size() - 1).rowNumber(), (System.nanoTime() - started) / 1_000_000);
            return held;
        } catch (RuntimeException e) {
            LOG.warnf(e, "lead import %s: batch ending at row %d failed; importing its rows one by one",
                    run.jobId(), batch.get(batch.size() - 1).rowNumber());
        }
        for (ImportRowPrepared one : prepared) {
            ImportRowInput row = one.row();
            boolean held;
            try {
                held = await(() -> batches.importRows(run, List.of(one)));
            } catch (RuntimeException e) {
                LOG.warnf(e, "lead import %s: row %d failed", run.jobId(), row.rowNumber());
                // if even recording the failure fails, the database is gone: the attempt ends, the lease runs out
                held = await(() -> batches.rejectRow(run, row, reason(e)));
            }
            if (!held) {
                return false;
            }
        }
        return true;
    }

    private CsvRowReader open(LeadImportRun run) throws CsvFileException {
        return CsvRowReader.open(new LeadImportChunkInputStream(
                seq -> await(() -> Panache.withSession(() -> files.chunk(run.jobId(), seq)))), run.delimiter(), run.charset());
    }

    /** A reason safe to show an admin: the kind of failure, not a stack trace or SQL. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (msg.contains("23505")) {
                return "it conflicts with a concurrent change";
            }
            if (msg.contains("40P01")) {
                return "a concurrent change deadlocked with it";
            }
            if (t instanceof InvalidEventException) {
                return "its event would not match the event contract";
            }
        }
        return "the database refused it (" + e.getClass().getSimpleName() + ")";
    }

}

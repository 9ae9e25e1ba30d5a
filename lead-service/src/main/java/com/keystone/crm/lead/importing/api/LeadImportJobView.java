package com.keystone.crm.lead.importing.api;

import com.keystone.crm.lead.importing.domain.ImportJobStatus;
import com.keystone.crm.lead.importing.domain.LeadImportJob;
import com.keystone.crm.lead.importing.service.LeadImportMapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job as an admin follows it. {@code processedRows} = created + merged + failed + skipped (blank rows);
 * {@code totalRows} is null until the worker has counted the file, and so is {@code percentComplete}.
 */
public record LeadImportJobView(UUID id, ImportJobStatus status, String fileName, long fileBytes, List<String> headers,
                                LeadImportMapping mapping, Integer totalRows, int processedRows, int createdRows,
                                int mergedRows, int failedRows, int skippedRows, Integer percentComplete,
                                String failureReason, String createdBy, Instant createdAt, Instant startedAt,
                                Instant finishedAt, Instant updatedAt) {

    public static LeadImportJobView of(LeadImportJob job, LeadImportMapping mapping) {
        return new LeadImportJobView(job.id, job.status, job.fileName, job.fileBytes, List.of(job.headers), mapping,
                job.totalRows, job.processedRows, job.createdRows, job.mergedRows, job.failedRows, job.skippedRows,
                percent(job), job.failureReason, job.createdBy, job.createdAt, job.startedAt, job.finishedAt, job.updatedAt);
    }

    /** The ETag: the job's version grows with each committed batch. */
    public static String etag(LeadImportJob job) {
        return Long.toString(job.version);
    }

    static Integer percent(LeadImportJob job) {
        if (job.status == ImportJobStatus.COMPLETED) {
            return 100;
        }
        if (job.totalRows == null) {
            return null;
        }
        if (job.totalRows == 0) {
            return 0;
        }
        // floor: 100 only when completed, never while the last batch is still open
        return (int) Math.min(99, (long) job.processedRows * 100 / job.totalRows);
    }
}

package com.keystone.crm.lead.importing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One CSV upload being imported. The worker advances the counters and the checkpoint with each batch through
 * {@code LeadImportJobRepository} (guarded by its lease), so this entity is read, created and finished but never
 * updated field by field from the outside.
 */
@Entity
@Table(name = "lead_import_job")
public class LeadImportJob extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Convert(converter = ImportJobStatusConverter.class)
    @Column(nullable = false)
    public ImportJobStatus status;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "file_bytes", nullable = false)
    public long fileBytes;
    @Column(name = "file_sha256")
    public String fileSha256;
    /** The file's header row as read. */
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] headers = new String[0];
    /** The validated mapping, as JSON (see {@code LeadImportMapping}). */
    @Column(nullable = false)
    public String mapping;
    @Column(name = "total_rows")
    public Integer totalRows;
    @Column(name = "processed_rows", nullable = false)
    public int processedRows;
    @Column(name = "created_rows", nullable = false)
    public int createdRows;
    @Column(name = "merged_rows", nullable = false)
    public int mergedRows;
    @Column(name = "failed_rows", nullable = false)
    public int failedRows;
    @Column(name = "skipped_rows", nullable = false)
    public int skippedRows;
    /** The last row number (the header is row 1) whose effects are committed. */
    @Column(name = "checkpoint_row", nullable = false)
    public int checkpointRow = 1;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** Grows with every change (each batch): the ETag of a job. */
    @Column(nullable = false)
    public long version;
}

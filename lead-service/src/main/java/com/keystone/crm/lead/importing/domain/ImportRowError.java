package com.keystone.crm.lead.importing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A row of an import that was not imported: every problem found in it, and the row as it was read. */
@Entity
@Table(name = "lead_import_row_error")
@IdClass(ImportRowError.Key.class)
public class ImportRowError extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public UUID jobId;
    /** The row in the file (the header is row 1). */
    @Id
    @Column(name = "row_number")
    public int rowNumber;
    /** JSON array of {column, field, message}; jsonb in the table (bound through text, see OutboxWriter). */
    @ColumnTransformer(read = "cast(problems as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public String problems;
    @Column(name = "raw_values", columnDefinition = "text[]", nullable = false)
    public String[] rawValues = new String[0];

    public static class Key implements Serializable {
        public UUID jobId;
        public int rowNumber;

        public Key() {
        }

        public Key(UUID jobId, int rowNumber) {
            this.jobId = jobId;
            this.rowNumber = rowNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.rowNumber == rowNumber && Objects.equals(k.jobId, jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, rowNumber);
        }
    }
}

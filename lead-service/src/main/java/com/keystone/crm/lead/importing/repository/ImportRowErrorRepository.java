package com.keystone.crm.lead.importing.repository;

import com.keystone.crm.lead.importing.domain.ImportRowError;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The per-row error report of import jobs, in row order. */
@ApplicationScoped
public class ImportRowErrorRepository implements PanacheRepositoryBase<ImportRowError, ImportRowError.Key> {
    /** Up to {@code limit} errors after row {@code afterRow} (0: from the start). */
    public Uni<List<ImportRowError>> page(UUID jobId, int afterRow, int limit) {
        return find("jobId = ?1 and rowNumber > ?2 order by rowNumber", jobId, afterRow).range(0, limit - 1).list();
    }
}

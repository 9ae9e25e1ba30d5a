package com.keystone.crm.lead.timeline.repository;

import com.keystone.crm.lead.timeline.domain.Note;
import com.keystone.crm.platform.chassis.paging.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoteRepository implements PanacheRepositoryBase<Note, UUID> {
    /** A note of the tenant that is not deleted, or null. */
    public Uni<Note> findLive(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2 and deletedAt is null", id, tenantId).firstResult();
    }

    /** A lead's live notes, newest first, after the cursor; up to {@code fetch} rows. */
    public Uni<List<Note>> newestFirst(String tenantId, UUID leadId, Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", tenantId).and("lead", leadId);
        String where = "tenantId = :tenant and leadId = :lead and deletedAt is null";
        if (after != null) {
            where += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by createdAt desc, id desc", params).page(Page.ofSize(fetch)).list();
    }

    /**
     * A lead's notes changed at or after {@code since}, deleted ones included (the app's delta sync), oldest change
     * first, after the cursor; up to {@code fetch} rows.
     */
    public Uni<List<Note>> changedSince(String tenantId, UUID leadId, Instant since, Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", tenantId).and("lead", leadId).and("since", since);
        String where = "tenantId = :tenant and leadId = :lead and updatedAt >= :since";
        if (after != null) {
            where += " and (updatedAt > :at or (updatedAt = :at and id > :id))";
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by updatedAt, id", params).page(Page.ofSize(fetch)).list();
    }
}

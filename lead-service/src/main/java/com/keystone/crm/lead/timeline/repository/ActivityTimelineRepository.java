package com.keystone.crm.lead.timeline.repository;

import com.keystone.crm.lead.timeline.domain.Activity;
import com.keystone.crm.platform.chassis.paging.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads a lead's timeline (ActivityRecorder writes it). */
@ApplicationScoped
public class ActivityTimelineRepository implements PanacheRepositoryBase<Activity, UUID> {
    /**
     * A lead's activities, newest first by occurrence then id, after the cursor; up to {@code fetch} rows.
     *
     * @param types only these kinds, or all when empty
     * @param since only those that occurred at or after it, or all when null
     */
    public Uni<List<Activity>> newestFirst(String tenantId, UUID leadId, Set<String> types, Instant since,
                                           Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", tenantId).and("lead", leadId);
        StringBuilder where = new StringBuilder("tenantId = :tenant and leadId = :lead");
        if (!types.isEmpty()) {
            where.append(" and kind in :types");
            params.and("types", types);
        }
        if (since != null) {
            where.append(" and occurredAt >= :since");
            params.and("since", since);
        }
        if (after != null) {
            where.append(" and (occurredAt < :at or (occurredAt = :at and id < :id))");
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by occurredAt desc, id desc", params).page(Page.ofSize(fetch)).list();
    }

    public Uni<Activity> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }
}

package com.keystone.crm.lead.task.repository;

import com.keystone.crm.lead.task.domain.Task;
import com.keystone.crm.lead.task.domain.TaskStatus;
import com.keystone.crm.platform.chassis.paging.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {
    public Uni<Task> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** The task made for a task.requested command, or null. */
    public Uni<Task> findByRequest(String tenantId, UUID requestId) {
        return find("tenantId = ?1 and requestId = ?2", tenantId, requestId).firstResult();
    }

    /** Tasks by due time then id, after the cursor; up to {@code fetch} rows. */
    public Uni<List<Task>> dueFirst(TaskFilter f, Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", f.tenantId());
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        if (f.assigneeId() != null) {
            where.append(" and assigneeId = :assignee");
            params.and("assignee", f.assigneeId());
        } else if (f.visibleTo() != null) {
            if (f.visibleTeam() != null) {
                // the team's current members: a task follows its assignee when they change teams
                where.append(" and (assigneeId = :me or assigneeId in (select a.userId from Agent a"
                        + " where a.tenantId = :tenant and a.teamId = :team))");
                params.and("team", f.visibleTeam());
            } else {
                where.append(" and assigneeId = :me");
            }
            params.and("me", f.visibleTo());
        }
        if (f.leadId() != null) {
            where.append(" and leadId = :lead");
            params.and("lead", f.leadId());
        }
        if (f.status() != null) {
            where.append(" and status = :status");
            params.and("status", f.status());
        }
        if (f.dueBefore() != null) {
            where.append(" and dueAt < :dueBefore");
            params.and("dueBefore", f.dueBefore());
        }
        if (f.dueAfter() != null) {
            where.append(" and dueAt > :dueAfter");
            params.and("dueAfter", f.dueAfter());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " and (status = :open and dueAt < :now)" : " and not (status = :open and dueAt < :now)");
            params.and("open", TaskStatus.OPEN).and("now", f.now());
        }
        if (f.updatedSince() != null) {
            where.append(" and updatedAt >= :updatedSince");
            params.and("updatedSince", f.updatedSince());
        }
        if (after != null) {
            where.append(" and (dueAt > :at or (dueAt = :at and id > :id))");
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by dueAt, id", params).page(Page.ofSize(fetch)).list();
    }
}

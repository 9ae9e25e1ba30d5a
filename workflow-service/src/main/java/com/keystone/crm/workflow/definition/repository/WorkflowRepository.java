package com.keystone.crm.workflow.definition.repository;

import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.workflow.definition.domain.Workflow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WorkflowRepository implements PanacheRepositoryBase<Workflow, UUID> {
    /** A workflow of the tenant, or null (another tenant's id is simply unknown). */
    public Uni<Workflow> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** The same, locked for an update (two publishes of one workflow run one after the other). */
    public Uni<Workflow> lockInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Newest first after the cursor; up to {@code fetch} rows. */
    public Uni<List<Workflow>> newestFirst(String tenantId, Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", tenantId);
        String where = "tenantId = :tenant";
        if (after != null) {
            where += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by createdAt desc, id desc", params).page(Page.ofSize(fetch)).list();
    }

    /** The active, published workflows of a tenant with this trigger. */
    public Uni<List<Workflow>> triggeredBy(String tenantId, String triggerType) {
        return list("tenantId = ?1 and triggerType = ?2 and publishedVersion is not null and status = ?3",
                tenantId, triggerType, Workflow.ACTIVE);
    }

    public Uni<Workflow> findTemplate(String tenantId, String templateKey) {
        return find("tenantId = ?1 and templateKey = ?2", tenantId, templateKey).firstResult();
    }
}

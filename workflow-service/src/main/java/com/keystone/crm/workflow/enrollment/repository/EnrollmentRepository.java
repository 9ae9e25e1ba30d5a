package com.keystone.crm.workflow.enrollment.repository;

import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EnrollmentRepository implements PanacheRepositoryBase<Enrollment, UUID> {
    /**
     * Inserts an open enrollment unless the lead already has one in this workflow (the partial unique index
     * {@code enrollment_open_once}); 1 when inserted, 0 otherwise. A plain insert would abort the caller's
     * transaction on the conflict.
     */
    static final String INSERT_OPEN = """
            INSERT INTO enrollment (id, tenant_id, workflow_id, workflow_version, lead_id, state, current_step_id, due_at,
                                    revision, steps_done, enrolled_by, enrolled_at, updated_at, context)
            VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7, 1, 0, ?8, ?7, ?7, cast(cast(?9 as text) as jsonb))
            ON CONFLICT (workflow_id, lead_id) WHERE state IN ('active', 'paused') DO NOTHING""";

    public Uni<Boolean> insertOpen(UUID id, String tenantId, UUID workflowId, int version, UUID leadId, String startStep,
                                   Instant now, String enrolledBy, String contextJson) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_OPEN)
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, workflowId).setParameter(4, version)
                .setParameter(5, leadId).setParameter(6, startStep).setParameter(7, now).setParameter(8, enrolledBy)
                .setParameter(9, contextJson)
                .executeUpdate()).map(n -> n == 1);
    }

    /**
     * Those of these enrollments whose lease {@code owner} still holds, locked (in id order, as every locker of
     * several enrollments: no deadlock): the fence of a batch. One taken over by another claim is not among them.
     */
    public Uni<List<Enrollment>> lockHeld(List<UUID> ids, String owner) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("id in ?1 and leaseOwner = ?2 order by id", ids, owner).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Enrollment> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Enrollment> lockInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Enrollment> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /** The open enrollments of these leads, locked (in id order, so two lockers never deadlock). */
    public Uni<List<Enrollment>> lockOpenOfLeads(Collection<UUID> leadIds) {
        return find("leadId in ?1 and state in (?2, ?3) order by id", leadIds, EnrollmentState.ACTIVE, EnrollmentState.PAUSED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Boolean> everEnrolled(UUID workflowId, UUID leadId) {
        return count("workflowId = ?1 and leadId = ?2", workflowId, leadId).map(n -> n > 0);
    }

    /** Newest first, filtered, after the cursor. */
    public Uni<List<Enrollment>> newestFirst(String tenantId, UUID workflowId, UUID leadId, String state,
                                             String agentId, Cursor after, int fetch) {
        Parameters params = Parameters.with("tenant", tenantId);
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        if (workflowId != null) {
            where.append(" and workflowId = :workflow");
            params.and("workflow", workflowId);
        }
        if (leadId != null) {
            where.append(" and leadId = :lead");
            params.and("lead", leadId);
        }
        if (state != null) {
            where.append(" and state = :state");
            params.and("state", state);
        }
        if (agentId != null) {
            where.append(" and leadId in (select l.leadId from LeadProjection l where l.assignedAgentId = :agent)");
            params.and("agent", agentId);
        }
        if (after != null) {
            where.append(" and (enrolledAt < :at or (enrolledAt = :at and id < :id))");
            params.and("at", after.instant(0)).and("id", after.uuid());
        }
        return find(where + " order by enrolledAt desc, id desc", params).page(Page.ofSize(fetch)).list();
    }
}

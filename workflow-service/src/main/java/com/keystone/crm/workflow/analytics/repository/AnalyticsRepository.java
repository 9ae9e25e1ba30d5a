package com.keystone.crm.workflow.analytics.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Aggregates over enrollments and step history for one workflow (indexes: enrollment_by_lead, step_execution pk). */
@ApplicationScoped
public class AnalyticsRepository {
    static final String BY_STATE = """
            SELECT workflow_version, coalesce(variant, ''), state, coalesce(reason, ''), count(*)
            FROM enrollment WHERE tenant_id = ?1 AND workflow_id = ?2
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""";
    static final String BY_STEP = """
            SELECT e.workflow_version, s.step_id, s.step_type, s.outcome, count(*)
            FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id
            WHERE e.tenant_id = ?1 AND e.workflow_id = ?2
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""";
    /** Send steps by what became of their message (notification.delivered / notification.failed). */
    static final String DELIVERY_BY_STEP = """
            SELECT e.workflow_version, s.step_id, s.delivery, count(*)
            FROM step_execution s JOIN enrollment e ON e.id = s.enrollment_id
            WHERE e.tenant_id = ?1 AND e.workflow_id = ?2 AND s.delivery IS NOT NULL
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";
    /** A reply that ended an enrollment, credited to the last message the enrollment had sent before it. */
    static final String REPLIED_BY_STEP = """
            SELECT e.workflow_version, last_send.step_id, count(*)
            FROM enrollment e
            JOIN LATERAL (SELECT s.step_id FROM step_execution s WHERE s.enrollment_id = e.id AND s.step_type = 'send'
                          AND s.outcome = 'requested' ORDER BY s.seq DESC LIMIT 1) last_send ON true
            WHERE e.tenant_id = ?1 AND e.workflow_id = ?2 AND e.reason = 'lead-replied'
            GROUP BY 1, 2 ORDER BY 1, 2""";
    /** Seconds from enrollment to the first message requested, median and 90th percentile, per version. */
    static final String FIRST_TOUCH = """
            SELECT workflow_version, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
            FROM (SELECT e.workflow_version, extract(epoch FROM min(s.executed_at) - e.enrolled_at) AS seconds
                  FROM enrollment e JOIN step_execution s ON s.enrollment_id = e.id
                  WHERE e.tenant_id = ?1 AND e.workflow_id = ?2 AND s.step_type = 'send' AND s.outcome = 'requested'
                  GROUP BY e.id, e.workflow_version, e.enrolled_at) t
            GROUP BY 1 ORDER BY 1""";

    public Uni<List<Object[]>> byState(String tenantId, UUID workflowId) {
        return rows(BY_STATE, tenantId, workflowId);
    }

    public Uni<List<Object[]>> byStep(String tenantId, UUID workflowId) {
        return rows(BY_STEP, tenantId, workflowId);
    }

    public Uni<List<Object[]>> deliveryByStep(String tenantId, UUID workflowId) {
        return rows(DELIVERY_BY_STEP, tenantId, workflowId);
    }

    public Uni<List<Object[]>> repliedByStep(String tenantId, UUID workflowId) {
        return rows(REPLIED_BY_STEP, tenantId, workflowId);
    }

    public Uni<List<Object[]>> firstTouch(String tenantId, UUID workflowId) {
        return rows(FIRST_TOUCH, tenantId, workflowId);
    }

    private static Uni<List<Object[]>> rows(String sql, String tenantId, UUID workflowId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter(1, tenantId).setParameter(2, workflowId).getResultList());
    }
}

package com.keystone.crm.workflow.analytics.service;

import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.workflow.analytics.repository.AnalyticsRepository;
import com.keystone.crm.workflow.definition.service.WorkflowService;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.ExitReason;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Analytics of one workflow of the caller's tenant. A conversion is an enrollment that completed because the lead
 * reached a goal status (reason goal-reached); its interval is Wilson's score interval at 95%, which stays inside
 * [0, 1] and behaves for small cohorts, unlike the normal approximation.
 */
@ApplicationScoped
public class AnalyticsService {
    static final double Z95 = 1.959963984540054;

    private final AnalyticsRepository analytics;
    private final WorkflowService workflows;

    public AnalyticsService(AnalyticsRepository analytics, WorkflowService workflows) {
        this.analytics = analytics;
        this.workflows = workflows;
    }

    @WithSession
    public Uni<AnalyticsView> of(Caller caller, UUID workflowId) {
        return workflows.find(caller, workflowId).chain(w -> analytics.byState(caller.tenantId(), workflowId)
                .chain(states -> analytics.byStep(caller.tenantId(), workflowId)
                        .chain(steps -> analytics.deliveryByStep(caller.tenantId(), workflowId)
                                .chain(deliveries -> analytics.repliedByStep(caller.tenantId(), workflowId)
                                        .chain(replies -> analytics.firstTouch(caller.tenantId(), workflowId)
                                                .map(touch -> new AnalyticsView(cohorts(states),
                                                        steps(steps, deliveries, replies), firstTouch(touch))))))));
    }

    private static List<AnalyticsView.Cohort> cohorts(List<Object[]> rows) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        for (Object[] r : rows) {
            String key = ((Number) r[0]).intValue() + "\u0000" + r[1];
            String state = (String) r[2];
            String reason = (String) r[3];
            long n = ((Number) r[4]).longValue();
            long[] c = counts.computeIfAbsent(key, k -> new long[7]);
            c[0] += n;
            switch (state) {
                case EnrollmentState.ACTIVE -> c[1] += n;
                case EnrollmentState.PAUSED -> c[2] += n;
                case EnrollmentState.COMPLETED -> c[3] += n;
                case EnrollmentState.EXITED -> c[4] += n;
                default -> c[5] += n;
            }
            if (!EnrollmentState.ACTIVE.equals(state) && !EnrollmentState.PAUSED.equals(state)) {
                reasons.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(reason, n, Long::sum);
            }
            if (EnrollmentState.COMPLETED.equals(state) && ExitReason.GOAL_REACHED.equals(reason)) {
                c[6] += n;
            }
        }
        List<AnalyticsView.Cohort> out = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\u0000", -1);
            double[] ci = wilson(c[6], c[0]);
            out.add(new AnalyticsView.Cohort(Integer.parseInt(parts[0]), parts[1].isEmpty() ? null : parts[1], c[0], c[1],
                    c[2], c[3], c[4], c[5], reasons.getOrDefault(key, Map.of()), c[6],
                    c[0] == 0 ? 0 : (double) c[6] / c[0], ci[0], ci[1]));
        });
        return out;
    }

    private static List<AnalyticsView.Step> steps(List<Object[]> rows, List<Object[]> deliveries, List<Object[]> replies) {
        Map<String, AnalyticsView.Step> steps = new LinkedHashMap<>();
        for (Object[] r : rows) {
            int version = ((Number) r[0]).intValue();
            String id = (String) r[1];
            long n = ((Number) r[4]).longValue();
            AnalyticsView.Step s = steps.computeIfAbsent(version + "/" + id,
                    k -> new AnalyticsView.Step(version, id, (String) r[2], 0, new TreeMap<>(),
                            "send".equals(r[2]) ? messageFunnel() : null));
            s.outcomes().merge((String) r[3], n, Long::sum);
            steps.put(version + "/" + id, new AnalyticsView.Step(version, id, s.type(), s.reached() + n, s.outcomes(), s.messages()));
        }
        for (Object[] r : deliveries) {
            AnalyticsView.Step s = steps.get(((Number) r[0]).intValue() + "/" + r[1]);
            if (s != null && s.messages() != null) {
                s.messages().merge((String) r[2], ((Number) r[3]).longValue(), Long::sum);
            }
        }
        for (Object[] r : replies) {
            AnalyticsView.Step s = steps.get(((Number) r[0]).intValue() + "/" + r[1]);
            if (s != null && s.messages() != null) {
                s.messages().merge("replied", ((Number) r[2]).longValue(), Long::sum);
            }
        }
        return new ArrayList<>(steps.values());
    }

    /** A send step's message counts, zero until notification-service reports (delivered counts confirmed ones only). */
    private static Map<String, Long> messageFunnel() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", 0L);
        m.put("delivered", 0L);
        m.put("failed", 0L);
        m.put("replied", 0L);
        return m;
    }

    private static List<AnalyticsView.FirstTouch> firstTouch(List<Object[]> rows) {
        return rows.stream().map(r -> new AnalyticsView.FirstTouch(((Number) r[0]).intValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue())).toList();
    }

    /** Wilson's score interval for {@code successes} of {@code n} at 95%. */
    static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[]{0, 0};
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}

package com.keystone.crm.scoring.feature.repository;

import com.keystone.crm.scoring.feature.domain.AgentLoad;
import com.keystone.crm.scoring.feature.domain.LeadEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LeadEventRepository implements PanacheRepositoryBase<LeadEvent, UUID> {
    // the expression and the predicate of the partial index lead_event_assignments (V4): written the same way here,
    // with the type as a literal (a bound parameter would not prove the index's WHERE), so the index serves them
    private static final String AGENT = "(CAST(payload AS jsonb) ->> 'assignedAgentId')";
    private static final String ASSIGNMENTS = "FROM lead_event WHERE type = 'lead.assigned' AND tenant_id = :tenant ";

    /** A lead's events in occurrence order (ties by id, so the order is stable). */
    public Uni<List<LeadEvent>> history(String tenantId, UUID leadId) {
        return find("tenantId = ?1 and leadId = ?2 order by occurredAt, id", tenantId, leadId).list();
    }

    /** The events of many leads of a tenant, per lead in occurrence order (event-based training). */
    public Uni<List<LeadEvent>> histories(String tenantId, List<UUID> leadIds) {
        return find("tenantId = ?1 and leadId in ?2 order by leadId, occurredAt, id", tenantId, leadIds).list();
    }

    /** Within a session: the tenant's assignments to {@code agentId} with occurredAt in (after, upTo] (one lead's agent_load). */
    public Uni<Integer> assignmentsOf(String tenantId, String agentId, Instant after, Instant upTo) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT count(*) " + ASSIGNMENTS + "AND " + AGENT
                                + " = :agent AND occurred_at > :after AND occurred_at <= :upTo", Long.class)
                        .setParameter("tenant", tenantId).setParameter("agent", agentId)
                        .setParameter("after", after).setParameter("upTo", upTo).getSingleResult())
                .map(Long::intValue);
    }

    /** Within a session: every assignment of the tenant with occurredAt in (after, upTo] (agent_load of many leads). */
    public Uni<List<AgentLoad.Assignment>> assignments(String tenantId, Instant after, Instant upTo) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT " + AGENT + ", occurred_at " + ASSIGNMENTS
                                + "AND occurred_at > :after AND occurred_at <= :upTo", Object[].class)
                        .setParameter("tenant", tenantId).setParameter("after", after).setParameter("upTo", upTo)
                        .getResultList())
                .map(rows -> {
                    List<AgentLoad.Assignment> out = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        out.add(new AgentLoad.Assignment((String) r[0], instant(r[1])));
                    }
                    return out;
                });
    }

    /** A timestamptz as the driver hands it to a native query. */
    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + (o == null ? null : o.getClass()));
    }
}

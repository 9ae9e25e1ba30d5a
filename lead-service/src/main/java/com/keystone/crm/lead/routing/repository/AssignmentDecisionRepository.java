package com.keystone.crm.lead.routing.repository;

import com.keystone.crm.lead.routing.domain.AssignmentDecision;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AssignmentDecisionRepository implements PanacheRepositoryBase<AssignmentDecision, UUID> {
    /** A page of a lead's decisions, newest first (id breaks ties), before the given (decidedAt, id). */
    public Uni<List<AssignmentDecision>> page(UUID leadId, Instant beforeAt, UUID beforeId, int limit) {
        if (beforeAt == null) {
            return find("leadId = ?1 order by decidedAt desc, id desc", leadId).range(0, limit - 1).list();
        }
        return find("leadId = ?1 and (decidedAt < ?2 or (decidedAt = ?2 and id < ?3)) order by decidedAt desc, id desc",
                leadId, beforeAt, beforeId).range(0, limit - 1).list();
    }
}

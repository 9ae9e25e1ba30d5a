package com.keystone.crm.scoring.score.repository;

import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.score.domain.LeadScore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class LeadScoreRepository implements PanacheRepositoryBase<LeadScore, UUID> {
    /**
     * The lead (when it is the tenant's) with its stored score, or null: one query where reading the score by itself
     * was a round trip of its own on every {@code GET /api/v1/scores/{id}}.
     */
    public Uni<LeadWithScore> withState(String tenantId, UUID leadId) {
        return Panache.getSession().chain(s -> s.createQuery("select st, sc from LeadState st left join LeadScore sc "
                                + "on sc.leadId = st.leadId where st.leadId = :lead and st.tenantId = :tenant", Object[].class)
                        .setParameter("lead", leadId).setParameter("tenant", tenantId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new LeadWithScore((LeadState) rows.get(0)[0], (LeadScore) rows.get(0)[1]));
    }

    /** A lead's state and its stored score (null when it was never scored). */
    public record LeadWithScore(LeadState state, LeadScore score) {
    }
}

package com.keystone.crm.lead.savedsearch.repository;

import com.keystone.crm.lead.savedsearch.api.SavedSearchQuery;
import com.keystone.crm.lead.savedsearch.domain.SavedSearch;
import com.keystone.crm.platform.chassis.security.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SavedSearchRepository implements PanacheRepositoryBase<SavedSearch, UUID> {

    /** A live (not deleted) search of the tenant, or null. */
    public Uni<SavedSearch> findLiveInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2 and deletedAt is null", id, tenantId).firstResult();
    }

    /** One page (plus one row, to tell whether there is a next page) of a lead's searches. */
    public Uni<List<SavedSearch>> pageOfLead(UUID leadId, SavedSearchQuery query) {
        Parameters params = Parameters.with("lead", leadId);
        String hql = "from SavedSearch s where s.leadId = :lead" + filters(query, params) + ORDER;
        // range is inclusive: limit + 1 rows
        return find(hql, params).range(0, query.limit()).list();
    }

    /**
     * One page (plus one row) of the searches on the leads the caller may see. The visibility rule is
     * {@code LeadAccess.canSee} expressed in the query (an admin: the tenant's live leads; a team lead: also the
     * team's; an agent: those assigned to them), so a page is never thinned out after the fact.
     */
    public Uni<List<SavedSearch>> pageVisibleTo(Caller caller, SavedSearchQuery query) {
        Parameters params = Parameters.with("tenant", caller.tenantId());
        StringBuilder lead = new StringBuilder("select 1 from Lead l where l.id = s.leadId and l.tenantId = :tenant "
                + "and l.deletedAt is null");
        if (!caller.isAdmin()) {
            params.and("me", caller.userId());
            lead.append(" and (l.assignedAgentId = :me");
            if (caller.isTeamLead() && caller.teamId().isPresent()) {
                params.and("team", caller.teamId().get());
                lead.append(" or l.teamId = :team");
            }
            lead.append(')');
        }
        String hql = "from SavedSearch s where s.tenantId = :tenant and exists (" + lead + ")"
                + filters(query, params) + ORDER;
        return find(hql, params).range(0, query.limit()).list();
    }

    private static final String ORDER = " order by s.createdAt, s.id";

    private static String filters(SavedSearchQuery query, Parameters params) {
        StringBuilder where = new StringBuilder();
        if (query.updatedSince() == null) {
            where.append(" and s.deletedAt is null");
        } else {
            where.append(" and s.updatedAt > :since");
            params.and("since", query.updatedSince());
        }
        if (query.cursor() != null) {
            where.append(" and (s.createdAt > :afterCreated or (s.createdAt = :afterCreated and s.id > :afterId))");
            params.and("afterCreated", query.cursor().instant(0)).and("afterId", query.cursor().uuid());
        }
        return where.toString();
    }
}

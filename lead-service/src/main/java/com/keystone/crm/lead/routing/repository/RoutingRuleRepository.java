package com.keystone.crm.lead.routing.repository;

import com.keystone.crm.lead.routing.domain.RoutingRule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, UUID> {
    public static final String CATCH_ALL_NAME = "Catch-all";

    /*
     * Two first requests of a tenant may race to create its catch-all: the partial unique index makes the second
     * insert a no-op instead of a failure. The catch-all starts with no target (leads stay unassigned for an admin).
     */
    static final String ENSURE_CATCH_ALL = "INSERT INTO routing_rule (id, tenant_id, name, position, catch_all, "
            + "created_at, updated_at, version) "
            + "SELECT ?1, ?2, ?3, coalesce(max(position), 0) + 1, true, ?4, ?4, 0 FROM routing_rule WHERE tenant_id = ?2 "
            + "ON CONFLICT (tenant_id) WHERE catch_all DO NOTHING";

    /** Creates the tenant's catch-all rule unless it exists. Needs a transaction. */
    public Uni<Void> ensureCatchAll(String tenantId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ENSURE_CATCH_ALL)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, tenantId)
                        .setParameter(3, CATCH_ALL_NAME)
                        .setParameter(4, now.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The catch-all, locked: every change to a tenant's rule list takes this lock first, so positions are
     * computed from a list nobody else is changing. Call before anything loads the catch-all into the session.
     */
    public Uni<RoutingRule> lockCatchAll(String tenantId) {
        return find("tenantId = ?1 and catchAll = true", tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Every rule of the tenant in evaluation order (the catch-all last). */
    public Uni<List<RoutingRule>> ordered(String tenantId) {
        return list("tenantId = ?1 order by position, id", tenantId);
    }

    /** One page in evaluation order after the given position. */
    public Uni<List<RoutingRule>> page(String tenantId, int afterPosition, int limit) {
        return find("tenantId = ?1 and position > ?2 order by position, id", tenantId, afterPosition).range(0, limit - 1).list();
    }

    public Uni<RoutingRule> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public Uni<Long> countTargeting(UUID groupId) {
        return count("targetGroupId = ?1", groupId);
    }
}

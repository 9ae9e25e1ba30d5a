package com.keystone.crm.lead.routing.repository;

import com.keystone.crm.lead.routing.domain.AgentGroup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgentGroupRepository implements PanacheRepositoryBase<AgentGroup, UUID> {
    public Uni<AgentGroup> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /**
     * The group row locked (SELECT ... FOR UPDATE) until the transaction ends: routing decisions of one group and
     * changes to it run one after the other, so two leads routed at once never read the same rotation state.
     * The lock only refreshes an entity the session has not loaded yet: call it before any other read of the group.
     */
    public Uni<AgentGroup> lockInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** One page ordered by name (then id) after the given name/id. */
    public Uni<List<AgentGroup>> page(String tenantId, String afterName, UUID afterId, int limit) {
        if (afterName == null) {
            return find("tenantId = ?1 order by name, id", tenantId).range(0, limit - 1).list();
        }
        return find("tenantId = ?1 and (name > ?2 or (name = ?2 and id > ?3)) order by name, id", tenantId, afterName, afterId)
                .range(0, limit - 1).list();
    }

    public Uni<Boolean> nameTaken(String tenantId, String name, UUID exceptId) {
        return count("tenantId = ?1 and name = ?2 and id <> ?3", tenantId, name, exceptId).map(n -> n > 0);
    }
}

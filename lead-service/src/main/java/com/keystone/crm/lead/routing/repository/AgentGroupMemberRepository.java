package com.keystone.crm.lead.routing.repository;

import com.keystone.crm.lead.routing.domain.AgentGroupMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgentGroupMemberRepository implements PanacheRepositoryBase<AgentGroupMember, UUID> {
    /** The group's members in rotation order. */
    public Uni<List<AgentGroupMember>> ofGroup(UUID groupId) {
        return list("groupId = ?1 order by position", groupId);
    }

    /** The members of several groups, for a page of groups, in rotation order. */
    public Uni<List<AgentGroupMember>> ofGroups(Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("groupId in ?1 order by groupId, position", groupIds);
    }
}

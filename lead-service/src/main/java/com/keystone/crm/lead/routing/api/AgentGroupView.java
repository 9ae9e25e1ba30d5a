package com.keystone.crm.lead.routing.api;

import com.keystone.crm.lead.routing.domain.AgentGroup;
import com.keystone.crm.lead.routing.domain.AgentGroupMember;
import com.keystone.crm.lead.routing.domain.AgentGroupStrategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agent group with its members in rotation order. */
public record AgentGroupView(UUID id, String name, AgentGroupStrategy strategy, List<Member> members,
                             Instant createdAt, Instant updatedAt, long version) {

    public record Member(String userId, int weight) {
    }

    public static AgentGroupView of(AgentGroup g, List<AgentGroupMember> members) {
        return new AgentGroupView(g.id, g.name, g.strategy,
                members.stream().map(m -> new Member(m.userId, m.weight)).toList(),
                g.createdAt, g.updatedAt, g.aggregateVersion());
    }

    public String etag() {
        return Long.toString(version);
    }
}

package com.keystone.crm.lead.routing.api;

import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.routing.domain.RoutingRule;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A routing rule as the admin screens see it; {@code position} is its 1-based place in the evaluation order. */
public record RoutingRuleView(UUID id, String name, int position, boolean catchAll, RoutingRuleCriteria criteria,
                              String agentId, UUID groupId, Instant createdAt, Instant updatedAt, long version) {

    public static RoutingRuleView of(RoutingRule r) {
        RoutingRuleCriteria criteria = new RoutingRuleCriteria(
                Arrays.stream(r.sources).map(LeadSource::fromWire).toList(),
                Arrays.stream(r.leadTypes).map(LeadType::fromWire).toList(),
                r.priceMin, r.priceMax, List.of(r.postalCodes), List.of(r.cities), List.of(r.propertyTypes));
        return new RoutingRuleView(r.id, r.name, r.position, r.catchAll, criteria, r.targetAgentId, r.targetGroupId,
                r.createdAt, r.updatedAt, r.aggregateVersion());
    }

    public String etag() {
        return Long.toString(version);
    }
}

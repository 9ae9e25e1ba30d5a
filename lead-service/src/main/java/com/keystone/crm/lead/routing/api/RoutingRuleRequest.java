package com.keystone.crm.lead.routing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * The body of POST and PUT /api/v1/routing-rules[/{id}]: a name, criteria, and the agent or the group that gets
 * the matching leads. The catch-all takes only a name and a target (or none: leads stay unassigned).
 */
public record RoutingRuleRequest(
        @NotBlank @Size(max = 200) String name,
        @Valid RoutingRuleCriteria criteria,
        @Size(min = 1, max = 64) String agentId,
        UUID groupId) {

    public RoutingRuleRequest {
        name = name == null ? null : name.trim();
        criteria = criteria == null ? RoutingRuleCriteria.NONE : criteria;
    }

    @JsonIgnore
    @AssertTrue(message = "a rule points to an agent or a group, not both")
    public boolean isSingleTarget() {
        return agentId == null || groupId == null;
    }
}

package com.keystone.crm.lead.routing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A member of an agent group; weight (default 1) only matters to weighted round robin. */
public record AgentGroupMemberRequest(@NotBlank @Size(max = 64) String userId, @Min(1) @Max(1000) Integer weight) {
    public AgentGroupMemberRequest {
        weight = weight == null ? 1 : weight;
    }
}

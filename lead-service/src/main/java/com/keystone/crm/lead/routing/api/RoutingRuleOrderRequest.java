package com.keystone.crm.lead.routing.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The body of PUT /api/v1/routing-rules/order: every rule id of the tenant once, in evaluation order. */
public record RoutingRuleOrderRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> ruleIds) {
}

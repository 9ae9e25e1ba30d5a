package com.keystone.crm.lead.routing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /api/v1/leads/{id}/assignment: the agent the lead goes to. */
public record AssignmentRequest(@NotBlank @Size(max = 64) String agentId) {
}

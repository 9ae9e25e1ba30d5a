package com.keystone.crm.lead.lead.api;

import com.keystone.crm.lead.lead.domain.LeadStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of POST /api/v1/leads/{id}/status. */
public record ChangeStatusRequest(@NotNull LeadStatus status, @Size(max = 500) String reason) {
}

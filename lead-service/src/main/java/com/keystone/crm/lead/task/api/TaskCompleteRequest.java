package com.keystone.crm.lead.task.api;

import jakarta.validation.constraints.Size;

/** The optional body of POST /api/v1/tasks/{id}/complete: how it went. */
public record TaskCompleteRequest(@Size(max = 2000) String outcome) {
}

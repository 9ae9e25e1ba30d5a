package com.keystone.crm.lead.service;

import com.keystone.crm.lead.rest.LeadImportJobView;

/** The job an upload created, or (replayed) the one an earlier request with the same Idempotency-Key created. */
public record LeadImportAccepted(LeadImportJobView job, String etag, boolean replayed) {
}

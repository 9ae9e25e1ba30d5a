package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.importing.api.LeadImportJobView;

/** The job an upload created (or a job read back), with its ETag. */
public record LeadImportAccepted(LeadImportJobView job, String etag) {
}

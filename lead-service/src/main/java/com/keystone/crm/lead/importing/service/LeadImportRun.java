package com.keystone.crm.lead.importing.service;

import java.nio.charset.Charset;
import java.util.List;
import java.util.UUID;

/**
 * A job as its worker runs it: who imports into which tenant, the compiled mapping, and the worker's lease name.
 *
 * @param createdBy the admin who uploaded the file: the actor of the leads and activities it creates
 */
public record LeadImportRun(UUID jobId, String tenantId, String createdBy, String fileName, List<String> headers,
                            LeadImportPlan plan, char delimiter, Charset charset,
                            String owner) {
}

package com.keystone.crm.lead.importing.rest;

import com.keystone.crm.lead.importing.config.LeadImportConfig;
import com.keystone.crm.platform.chassis.problem.UploadLimit;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The CSV upload's own body limit ({@code crm.import.max-file-bytes} plus room for the multipart envelope and the
 * mapping), in place of the platform's JSON body limit ({@code crm.http.max-body-bytes}, 1 MiB), which a 100,000-row
 * file exceeds; the chassis's body-size filter applies it on this route only.
 */
public class LeadImportUploadLimit {
    static final String UPLOAD_PATH = "/api/v1/lead-imports";

    @Produces
    @Singleton
    UploadLimit leadImportUpload(LeadImportConfig config) {
        return UploadLimit.post(UPLOAD_PATH, config.maxFileBytes() + UploadLimit.ENVELOPE_BYTES);
    }
}

package com.keystone.crm.scoring.training.rest;

import com.keystone.crm.platform.chassis.problem.UploadLimit;
import com.keystone.crm.scoring.config.ScoringConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The training-set upload's own body limit (crm.scoring.training.max-file-bytes plus the multipart envelope) in
 * place of the platform's JSON limit (crm.http.max-body-bytes, 1 MiB), which a real export exceeds; the chassis's
 * body-size filter applies it on this route only.
 */
public class TrainingSetUploadLimit {
    static final String UPLOAD_PATH = "/api/v1/training-sets";

    @Produces
    @Singleton
    UploadLimit trainingSetUpload(ScoringConfig config) {
        return UploadLimit.post(UPLOAD_PATH, config.training().maxFileBytes() + UploadLimit.ENVELOPE_BYTES);
    }
}

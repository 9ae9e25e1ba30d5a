package com.keystone.crm.scoring.model.service;

import com.keystone.crm.scoring.learning.TrainingOutcome;

import java.util.UUID;

/**
 * A trained model to register.
 *
 * @param gateMet the training data passed the minimum-data gate (else the model is kept but never serves)
 */
public record NewModel(String tenantId, UUID trainingRunId, TrainingOutcome outcome, String windowFrom, String windowTo,
                       String dataHash, Object metrics, Object card, boolean gateMet,
                       Object baseline) {
}

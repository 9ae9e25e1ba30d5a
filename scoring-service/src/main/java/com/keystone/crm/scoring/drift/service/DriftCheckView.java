package com.keystone.crm.scoring.drift.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recorded scheduled check as the API shows it; {@code report} holds drift, calibration and the decision. */
public record DriftCheckView(UUID id, Instant checkedAt, String model, boolean alert, List<String> drifted,
                             UUID trainingRunId, JsonNode report) {
}

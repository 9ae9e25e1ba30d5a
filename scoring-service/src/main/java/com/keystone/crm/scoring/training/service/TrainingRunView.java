package com.keystone.crm.scoring.training.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A training run as the API shows it. */
public record TrainingRunView(UUID id, String source, UUID trainingSetId, String status, List<String> allowLeakage,
                              String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, int attempts,
                              UUID modelId, JsonNode result, JsonNode error, String trigger) {
}

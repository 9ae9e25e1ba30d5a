package com.keystone.crm.scoring.model.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.scoring.model.domain.ModelVersion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A model of the registry as the API shows it (never its bytes). */
public record ModelView(UUID id, int version, String name, String algorithm, String status, boolean eligible,
                        UUID trainingRunId, List<String> features, String windowFrom, String windowTo, String dataHash,
                        Double holdoutAuc, JsonNode metrics, JsonNode card, Instant createdAt, Instant promotedAt,
                        UUID previousChampionId, Double trafficShare) {
    static ModelView of(ModelVersion m, JsonNode metrics, JsonNode card) {
        return new ModelView(m.id, m.version, m.name, m.algorithm, m.status, m.eligible, m.trainingRunId,
                List.of(m.features), m.windowFrom, m.windowTo, m.dataHash, m.holdoutAuc, metrics, card, m.createdAt,
                m.promotedAt, m.previousChampionId, m.trafficShare);
    }
}

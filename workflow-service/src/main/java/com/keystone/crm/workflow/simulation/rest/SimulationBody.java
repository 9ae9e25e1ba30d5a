package com.keystone.crm.workflow.simulation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.workflow.simulation.service.SimulatedLead;
import com.keystone.crm.workflow.simulation.service.SimulationRequest;
import jakarta.validation.Valid;

import java.time.Instant;
import java.util.UUID;

/** The body of {@code POST /api/v1/workflows/simulate}: a definition document and the lead to run it for. */
public record SimulationBody(JsonNode definition, UUID leadId, @Valid SimulatedLead lead, Instant enrollAt) {
    SimulationRequest request() {
        return new SimulationRequest(leadId, lead, enrollAt);
    }
}

package com.keystone.crm.workflow.simulation.service;

import jakarta.validation.Valid;

import java.time.Instant;
import java.util.UUID;

/**
 * A dry run: the lead (an existing lead's id, or a made-up one) and when it enrolls (now by default). The definition
 * is the path's workflow draft or the {@code definition} of {@code POST /api/v1/workflows/simulate}.
 */
public record SimulationRequest(UUID leadId, @Valid SimulatedLead lead, Instant enrollAt) {
}

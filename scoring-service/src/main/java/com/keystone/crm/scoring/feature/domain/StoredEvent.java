package com.keystone.crm.scoring.feature.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An event of a lead's history, its payload as JSON. */
public record StoredEvent(String type, Instant occurredAt, JsonNode payload) {
}

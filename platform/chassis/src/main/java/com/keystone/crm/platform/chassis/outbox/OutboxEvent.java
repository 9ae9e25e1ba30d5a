package com.keystone.crm.platform.chassis.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish: the row the outbox writer inserts. {@code id} becomes {@code ce_id}, {@code type}
 * the topic and {@code ce_type}, {@code aggregateId} the record key and {@code ce_subject}.
 */
public record OutboxEvent(UUID id, String type, String aggregateType, String aggregateId, String tenantId,
                          Instant occurredAt, Object payload) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event with a fresh id. */
    public static OutboxEvent of(String type, String aggregateType, String aggregateId, String tenantId,
                                 Instant occurredAt, Object payload) {
        return new OutboxEvent(UUID.randomUUID(), type, aggregateType, aggregateId, tenantId, occurredAt, payload);
    }
}

package com.keystone.crm.platform.chassis.outbox;

import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.platform.contracts.EventPayloadTypes;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish: the row the outbox writer inserts. {@code id} becomes {@code ce_id}, {@code type}
 * the topic and {@code ce_type}, {@code aggregateId} the record key and {@code ce_subject}. The payload is one of
 * the types generated from the event schemas ({@code com.keystone.crm.platform.contracts.events}); its type
 * names the event type, and an explicitly given {@code type} must agree with it.
 */
public record OutboxEvent(UUID id, String type, String aggregateType, String aggregateId, String tenantId,
                          Instant occurredAt, EventPayload payload) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        String payloadType = EventPayloadTypes.shared().eventTypeOf(payload);
        if (!payloadType.equals(type)) {
            throw new IllegalArgumentException("a " + payload.getClass().getSimpleName() + " payload is a '"
                    + payloadType + "' event, not '" + type + "'");
        }
    }

    /** A new event with a fresh id; the event type, tenant and time are the payload's own. */
    public static OutboxEvent of(String aggregateType, String aggregateId, EventPayload payload) {
        Objects.requireNonNull(payload, "payload");
        return new OutboxEvent(UUID.randomUUID(), EventPayloadTypes.shared().eventTypeOf(payload), aggregateType,
                aggregateId, payload.getTenantId(), payload.getOccurredAt(), payload);
    }

    /** A new event with a fresh id, its type given explicitly (checked against the payload's type). */
    public static OutboxEvent of(String type, String aggregateType, String aggregateId, String tenantId,
                                 Instant occurredAt, EventPayload payload) {
        return new OutboxEvent(UUID.randomUUID(), type, aggregateType, aggregateId, tenantId, occurredAt, payload);
    }
}

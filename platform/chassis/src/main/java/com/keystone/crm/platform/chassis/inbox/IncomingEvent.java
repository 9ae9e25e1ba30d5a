package com.keystone.crm.platform.chassis.inbox;

import com.keystone.crm.platform.chassis.cloudevents.CloudEventAttributes;

/**
 * A consumed event: its CloudEvents attributes, record key and payload, already checked against the schema and
 * bound to the type generated from it (e.g. {@code LeadScored}).
 */
public record IncomingEvent<T>(CloudEventAttributes attributes, String key, T payload) {
    public String type() {
        return attributes.type();
    }
}

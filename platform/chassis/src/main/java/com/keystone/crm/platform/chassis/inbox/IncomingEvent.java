package com.keystone.crm.platform.chassis.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.platform.chassis.cloudevents.CloudEventAttributes;

/** A consumed event: its CloudEvents attributes, record key and JSON payload (already schema-checked). */
public record IncomingEvent(CloudEventAttributes attributes, String key, JsonNode payload) {
    public String type() {
        return attributes.type();
    }
}

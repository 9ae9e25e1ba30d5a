package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * One Kafka record as a test sees it: key, JSON value, headers as strings, and the record's timestamp (the test
 * broker's append time, {@code TestKafka}: when the event reached Kafka).
 */
public record CapturedEvent(String topic, int partition, long offset, String key, JsonNode value, Map<String, String> headers,
                            Instant timestamp) {
    public String header(String name) {
        return headers.get(name);
    }
}

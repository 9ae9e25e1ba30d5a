package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One Kafka record as a test sees it: key, JSON value and headers as strings. */
public record CapturedEvent(String topic, int partition, long offset, String key, JsonNode value, Map<String, String> headers) {
    public String header(String name) {
        return headers.get(name);
    }
}

package com.keystone.crm.platform.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.List;

/**
 * The JSON form of event payloads, the same in every service whatever its own {@code ObjectMapper} does:
 * {@code date-time} as an ISO-8601 instant ({@code 2025-03-04T09:00:00.123456Z}), {@code date} as
 * {@code 2025-03-04}, decimals as plain numbers, unknown properties ignored on read (schemas evolve additively).
 * Binding checks nothing the schema does: validate with {@link EventSchemaValidator} before or after.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private EventJson() {
    }

    /** The configured mapper (do not reconfigure it: it is shared). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The payload as a JSON tree, ready for {@link EventSchemaValidator#assertValid(String, JsonNode)}. */
    public static JsonNode toJson(EventPayload payload) {
        return MAPPER.valueToTree(payload);
    }

    /**
     * Binds a (schema-checked) JSON payload to its type. A payload that does not bind is an
     * {@link InvalidEventException}: like a schema violation, retrying cannot fix it.
     */
    public static <T extends EventPayload> T fromJson(String eventType, JsonNode payload, Class<T> type) {
        try {
            return MAPPER.treeToValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEventException(eventType, List.of(
                    "$: does not bind to " + type.getSimpleName() + ": " + e.getMessage()));
        }
    }
}

package com.keystone.crm.platform.chassis.cloudevents;

import com.keystone.crm.platform.contracts.CloudEventHeaderNames;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads and writes CloudEvents 1.0 attributes as Kafka headers (binary content mode): one {@code ce_*} header
 * per attribute, UTF-8 strings, the JSON payload as the record value.
 */
public final class CloudEventHeaders {
    private CloudEventHeaders() {
    }

    public static void write(CloudEventAttributes ce, Headers headers) {
        put(headers, CloudEventHeaderNames.CE_SPECVERSION, CloudEventAttributes.SPEC_VERSION);
        put(headers, CloudEventHeaderNames.CE_ID, ce.id().toString());
        put(headers, CloudEventHeaderNames.CE_SOURCE, ce.source());
        put(headers, CloudEventHeaderNames.CE_TYPE, ce.type());
        put(headers, CloudEventHeaderNames.CE_TIME, ce.time() == null ? null : ce.time().toString());
        put(headers, CloudEventHeaderNames.CE_SUBJECT, ce.subject());
        put(headers, CloudEventHeaderNames.CONTENT_TYPE, CloudEventAttributes.CONTENT_TYPE);
        put(headers, CloudEventHeaderNames.CE_TENANT, ce.tenant());
        put(headers, CloudEventHeaderNames.TRACEPARENT, ce.traceparent());
    }

    /**
     * Reads the attributes; a record without a valid {@code ce_id}, {@code ce_type} or {@code ce_specversion 1.0}
     * is not a platform event and is refused.
     */
    public static CloudEventAttributes read(Headers headers) {
        String spec = get(headers, CloudEventHeaderNames.CE_SPECVERSION);
        if (!CloudEventAttributes.SPEC_VERSION.equals(spec)) {
            throw new MalformedCloudEventException("ce_specversion must be 1.0, was " + spec);
        }
        String id = required(headers, CloudEventHeaderNames.CE_ID);
        String type = required(headers, CloudEventHeaderNames.CE_TYPE);
        String source = required(headers, CloudEventHeaderNames.CE_SOURCE);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedCloudEventException("ce_id is not a UUID: " + id);
        }
        String timeText = get(headers, CloudEventHeaderNames.CE_TIME);
        Instant time = null;
        if (timeText != null) {
            try {
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new MalformedCloudEventException("ce_time is not an RFC 3339 instant: " + timeText);
            }
        }
        return new CloudEventAttributes(uuid, type, source, get(headers, CloudEventHeaderNames.CE_SUBJECT), time,
                get(headers, CloudEventHeaderNames.CE_TENANT), get(headers, CloudEventHeaderNames.TRACEPARENT));
    }

    private static String required(Headers headers, String name) {
        String v = get(headers, name);
        if (v == null || v.isBlank()) {
            throw new MalformedCloudEventException("missing header " + name);
        }
        return v;
    }

    private static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

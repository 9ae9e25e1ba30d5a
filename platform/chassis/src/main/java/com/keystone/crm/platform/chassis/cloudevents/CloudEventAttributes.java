package com.keystone.crm.platform.chassis.cloudevents;

import java.time.Instant;
import java.util.UUID;

/** The CloudEvents 1.0 context attributes the platform uses, plus the tenant and tracing extensions. */
public record CloudEventAttributes(UUID id, String type, String source, String subject, Instant time,
                                   String tenant, String traceparent) {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}

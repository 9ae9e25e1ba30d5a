package com.keystone.crm.platform.contracts;

import java.util.List;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode, as used on every
 * topic of the system (DESIGN §3). The record value is the JSON payload; the attributes travel as headers.
 */
public final class CloudEventHeaderNames {

    /** CloudEvents spec version; always {@link #SPEC_VERSION}. */
    public static final String CE_SPECVERSION = "ce_specversion";
    /** Event id: the outbox row id, a UUID; consumers record it in their inbox to deduplicate. */
    public static final String CE_ID = "ce_id";
    /** Producer: {@code /<service-name>}, see {@link #source(String)}. */
    public static final String CE_SOURCE = "ce_source";
    /** Event type, equal to the topic name (one of {@link EventTypes}). */
    public static final String CE_TYPE = "ce_type";
    /** When the event occurred, RFC 3339. */
    public static final String CE_TIME = "ce_time";
    /** The aggregate id (the record key). */
    public static final String CE_SUBJECT = "ce_subject";
    /** Content type of the value; always {@link #APPLICATION_JSON}. */
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attribute: the tenant (brokerage) of the event. */
    public static final String CE_TENANT = "ce_tenant";
    /** W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** All header names above. */
    public static final List<String> ALL = List.of(
            CE_SPECVERSION, CE_ID, CE_SOURCE, CE_TYPE, CE_TIME, CE_SUBJECT, CONTENT_TYPE, CE_TENANT, TRACEPARENT);

    /** The value of {@link #CE_SPECVERSION}. */
    public static final String SPEC_VERSION = "1.0";
    /** The value of {@link #CONTENT_TYPE}. */
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaderNames() {
    }

    /** The {@link #CE_SOURCE} value for a service: {@code /<service>}, e.g. {@code /lead-service}. */
    public static String source(String service) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service name is required");
        }
        return service.startsWith("/") ? service : "/" + service;
    }
}

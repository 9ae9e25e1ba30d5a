package com.keystone.crm.platform.chassis.observability;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps span export off unless {@code crm.traces.export=otlp} (env {@code CRM_TRACES_EXPORT=otlp}, with the
 * collector at {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}). Spans are still made and propagated either way (the
 * outbox's traceparent and the HTTP headers need them); only the sending is switched.
 *
 * <p>Why a bean: Quarkus installs its OTLP exporter (build-time on) only while no {@link SpanExporter} CDI bean
 * is resolvable, and without a collector that exporter logs a connection error every few seconds. This no-op
 * exporter is resolvable exactly while export is off; tests add their own in-memory exporter beside it.
 */
@Singleton
public class TraceExport {
    public static final String SWITCH = "crm.traces.export";

    @Produces
    @Singleton
    @LookupUnlessProperty(name = SWITCH, stringValue = "otlp", lookupIfMissing = true)
    SpanExporter noExport() {
        return SpanExporter.composite();
    }
}

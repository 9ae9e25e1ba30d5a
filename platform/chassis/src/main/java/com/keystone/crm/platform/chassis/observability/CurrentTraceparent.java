package com.keystone.crm.platform.chassis.observability;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} of the span current on the calling thread or Vert.x context, or null when nothing is
 * traced there (a background worker outside any request). The outbox stores it, the CDC relay turns it into the
 * Kafka record's {@code traceparent} header, and the consumer's span continues the same trace.
 */
public final class CurrentTraceparent {
    static final String HEADER = "traceparent";

    private CurrentTraceparent() {
    }

    public static String value() {
        return of(Context.current());
    }

    static String of(Context context) {
        // the propagator writes nothing for an invalid (absent) span context
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }
}

package com.keystone.crm.platform.chassis.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentTraceparentTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void noSpanNoTraceparent() {
        assertThat(CurrentTraceparent.value()).isNull();
        assertThat(CurrentTraceparent.of(Context.root())).isNull();
    }

    @Test
    void theSpanInContextIsWrittenInW3cForm() {
        Context sampled = Context.root().with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())));
        assertThat(CurrentTraceparent.of(sampled)).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        Context unsampled = Context.root().with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault())));
        assertThat(CurrentTraceparent.of(unsampled)).isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
    }
}

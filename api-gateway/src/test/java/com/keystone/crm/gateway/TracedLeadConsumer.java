package com.keystone.crm.gateway;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only consumer of lead.created (channel configured by {@link GatewayTestResource}) through the chassis
 * {@link IdempotentConsumer}: its effect notes the trace id current while it runs, by lead id. Also the in-memory
 * exporter that keeps every finished span of the gateway's test JVM.
 */
@ApplicationScoped
public class TracedLeadConsumer {
    public static final String CHANNEL = "traced-leads";
    public static final Map<String, String> TRACE_OF_LEAD = new ConcurrentHashMap<>();

    private final IdempotentConsumer consumer;

    public TracedLeadConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onLeadCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "gateway-test-traced-leads", LeadCreated.class, this::apply);
    }

    private Uni<Void> apply(IncomingEvent<LeadCreated> event) {
        TRACE_OF_LEAD.put(event.key(), Span.current().getSpanContext().getTraceId());
        return Uni.createFrom().voidItem();
    }

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}

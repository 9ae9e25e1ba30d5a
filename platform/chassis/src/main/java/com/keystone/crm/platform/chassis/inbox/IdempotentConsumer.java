package com.keystone.crm.platform.chassis.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.cloudevents.CloudEventAttributes;
import com.keystone.crm.platform.chassis.cloudevents.CloudEventHeaders;
import com.keystone.crm.platform.chassis.cloudevents.MalformedCloudEventException;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.platform.contracts.EventPayloadTypes;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import com.keystone.crm.platform.contracts.InvalidEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Function;

/**
 * Applies a consumed event at most once per handler: the event id goes into {@code consumed_event} in the same
 * transaction as the handler's effect, so a redelivered event changes nothing. Transient failures are retried
 * with backoff; a malformed or contract-breaking event fails at once, and the Kafka connector's
 * dead-letter strategy moves it to {@code <service>.dlq} with the reason.
 */
@ApplicationScoped
public class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final int maxRetries;
    private final Duration initialBackoff;

    public IdempotentConsumer(Inbox inbox, ObjectMapper mapper,
                              @ConfigProperty(name = "crm.consumer.max-retries", defaultValue = "3") int maxRetries,
                              @ConfigProperty(name = "crm.consumer.initial-backoff", defaultValue = "PT0.2S") Duration initialBackoff) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
    }

    /**
     * Applies {@code effect} to the record's payload bound to {@code payloadType}, at most once for
     * {@code handler}. A record whose event type is not {@code payloadType}'s, or whose payload breaks the schema or
     * does not bind, fails at once (no retry: the dead-letter strategy takes it).
     */
    public <T extends EventPayload> Uni<Void> handle(ConsumerRecord<String, String> record, String handler,
                                                     Class<T> payloadType, Function<IncomingEvent<T>, Uni<Void>> effect) {
        IncomingEvent<T> event;
        try {
            event = parse(record, payloadType);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstDelivery(
                                event.attributes().id(), handler, event.type(), event.attributes().source())
                        .chain(first -> {
                            if (!first) {
                                LOG.debugf("%s: event %s already applied, skipped", handler, event.attributes().id());
                                return Uni.createFrom().voidItem();
                            }
                            return effect.apply(event);
                        })))
                .onFailure(IdempotentConsumer::isTransient)
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(maxRetries)
                .onFailure().invoke(t -> LOG.warnf("%s: event %s of type %s failed: %s", handler,
                        event.attributes().id(), event.type(), t.toString()));
    }

    /** The CloudEvents headers and JSON value of a record, checked against the contract and bound to its type. */
    public <T extends EventPayload> IncomingEvent<T> parse(ConsumerRecord<String, String> record, Class<T> payloadType) {
        CloudEventAttributes attributes = CloudEventHeaders.read(record.headers());
        if (!attributes.type().equals(record.topic())) {
            throw new MalformedCloudEventException("ce_type " + attributes.type() + " does not match topic " + record.topic());
        }
        String expected = EventPayloadTypes.shared().eventTypeOf(payloadType).orElseThrow(() ->
                new IllegalArgumentException(payloadType.getName() + " is not an event payload type"));
        if (!expected.equals(attributes.type())) {
            throw new MalformedCloudEventException("a '" + attributes.type() + "' event cannot be read as "
                    + payloadType.getSimpleName() + " (a '" + expected + "' payload)");
        }
        JsonNode payload;
        try {
            payload = record.value() == null ? null : mapper.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new MalformedCloudEventException("value is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new MalformedCloudEventException("value is not a JSON object");
        }
        EventSchemaValidator.shared().assertValid(attributes.type(), payload);
        return new IncomingEvent<>(attributes, record.key(), EventJson.fromJson(attributes.type(), payload, payloadType));
    }

    static boolean isTransient(Throwable t) {
        return !(t instanceof MalformedCloudEventException || t instanceof InvalidEventException
                || t instanceof IllegalArgumentException);
    }
}

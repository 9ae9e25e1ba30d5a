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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Applies a consumed event at most once per handler: the event id goes into {@code consumed_event} in the same
 * transaction as the handler's effect, so a redelivered event changes nothing. Transient failures are retried
 * with backoff; a malformed or contract-breaking event fails at once, and the Kafka connector's
 * dead-letter strategy moves it to {@code <service>.dlq} with the reason.
 * <p>
 * A consumer that takes records in batches ({@code batch=true}) hands the whole poll to {@link #handleBatch}: one
 * transaction, one inbox statement and one commit for the batch instead of one per record.
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
        return apply(event, handler, effect, Runnable::run);
    }

    /**
     * Where an attempt of a batch starts: on the consumer's (safe) Vert.x context, not on the timer thread a backoff
     * resumes on. Outside the deferred: Panache checks the context when the transaction is assembled.
     */
    private static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
    }

    /** One event in its own transaction with its inbox row, transient failures retried. */
    private <T extends EventPayload> Uni<Void> apply(IncomingEvent<T> event, String handler,
                                                     Function<IncomingEvent<T>, Uni<Void>> effect, Executor onContext) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstDelivery(
                                event.attributes().id(), handler, event.type(), event.attributes().source())
                        .chain(first -> {
                            if (!first) {
                                LOG.debugf("%s: event %s already applied, skipped", handler, event.attributes().id());
                                return Uni.createFrom().voidItem();
                            }
                            return effect.apply(event);
                        }))).runSubscriptionOn(onContext)
                .onFailure(IdempotentConsumer::isTransient)
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(maxRetries)
                .onFailure().invoke(t -> LOG.warnf("%s: event %s of type %s failed: %s", handler,
                        event.attributes().id(), event.type(), t.toString()));
    }

    /**
     * Applies a polled batch (a channel with {@code batch=true}) at most once per event for {@code handler}, in one
     * transaction: the events not yet applied go to {@code effect} together, in the batch's order (per partition, the
     * order they were written in), and their ids into the inbox with one statement. A record that is no valid event
     * of {@code payloadType} is dead-lettered on its own at once; the others are applied. When the batch fails past
     * its retries, its events are applied one per transaction ({@link #handle}'s retries each), so one event that
     * cannot be applied is dead-lettered alone and never holds back the rest. Every record is acknowledged or
     * dead-lettered before the returned Uni completes.
     */
    public <T extends EventPayload> Uni<Void> handleBatch(KafkaRecordBatch<String, String> batch, String handler,
                                                          Class<T> payloadType,
                                                          Function<List<IncomingEvent<T>>, Uni<Void>> effect) {
        List<KafkaRecord<String, String>> valid = new ArrayList<>();
        List<IncomingEvent<T>> events = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                events.add(parse(record.getTopic(), record.getKey(), record.getPayload(), record.getHeaders(), payloadType));
                valid.add(record);
            } catch (RuntimeException e) {
                LOG.warnf("%s: a record of %s at offset %d is no valid event: %s", handler, record.getTopic(),
                        offset(record), e.toString());
                rejected.add(Uni.createFrom().completionStage(() -> record.nack(e)));
            }
        }
        Uni<Void> dead = rejected.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        if (events.isEmpty()) {
            return dead;
        }
        Executor onContext = onCurrentContext();
        Uni<Void> applied = Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstDeliveries(events, handler)
                        .chain(first -> {
                            // first.remove: a second copy of an event within the batch is a redelivery too
                            List<IncomingEvent<T>> fresh = events.stream().filter(e -> first.remove(e.attributes().id())).toList();
                            if (fresh.size() < events.size()) {
                                LOG.debugf("%s: %d of %d events already applied, skipped", handler, events.size() - fresh.size(), events.size());
                            }
                            return fresh.isEmpty() ? Uni.createFrom().voidItem() : effect.apply(fresh);
                        }))).runSubscriptionOn(onContext)
                .onFailure(IdempotentConsumer::isTransient)
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(maxRetries)
                .onItemOrFailure().transformToUni((ok, failure) -> {
                    if (failure == null) {
                        return ackAll(valid);
                    }
                    LOG.warnf("%s: a batch of %d events failed (%s); applying them one by one", handler, events.size(),
                            failure.toString());
                    return oneByOne(valid, events, handler, effect, onContext);
                });
        return dead.chain(() -> applied);
    }

    /**
     * A batch effect made of a per-event one: the events applied one after the other, in the batch's order, in the
     * batch's transaction (for {@link #handleBatch} when the events are not applied as a set).
     */
    public static <T> Function<List<IncomingEvent<T>>, Uni<Void>> inOrder(Function<IncomingEvent<T>, Uni<Void>> apply) {
        return events -> Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(e -> apply.apply(e).replaceWith(e))
                .collect().last().replaceWithVoid();
    }

    /** The events of a failed batch, each in its own transaction; each record acknowledged or dead-lettered. */
    private <T extends EventPayload> Uni<Void> oneByOne(List<KafkaRecord<String, String>> records, List<IncomingEvent<T>> events,
                                                        String handler, Function<List<IncomingEvent<T>>, Uni<Void>> effect,
                                                        Executor onContext) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < events.size(); i++) {
            KafkaRecord<String, String> record = records.get(i);
            IncomingEvent<T> event = events.get(i);
            chain = chain.chain(() -> apply(event, handler, e -> effect.apply(List.of(e)), onContext)
                    .chain(() -> Uni.createFrom().completionStage(record::ack))
                    .onFailure().recoverWithUni(t -> Uni.createFrom().completionStage(() -> record.nack(t))));
        }
        return chain;
    }

    private static Uni<Void> ackAll(List<KafkaRecord<String, String>> records) {
        List<Uni<Void>> acks = records.stream().map(r -> Uni.createFrom().completionStage(r::ack)).toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    private static long offset(KafkaRecord<String, String> record) {
        return record instanceof IncomingKafkaRecord<String, String> in ? in.getOffset() : -1;
    }

    /** The CloudEvents headers and JSON value of a record, checked against the contract and bound to its type. */
    public <T extends EventPayload> IncomingEvent<T> parse(ConsumerRecord<String, String> record, Class<T> payloadType) {
        return parse(record.topic(), record.key(), record.value(), record.headers(), payloadType);
    }

    private <T extends EventPayload> IncomingEvent<T> parse(String topic, String key, String value, Headers headers,
                                                            Class<T> payloadType) {
        CloudEventAttributes attributes = CloudEventHeaders.read(headers);
        if (!attributes.type().equals(topic)) {
            throw new MalformedCloudEventException("ce_type " + attributes.type() + " does not match topic " + topic);
        }
        String expected = EventPayloadTypes.shared().eventTypeOf(payloadType).orElseThrow(() ->
                new IllegalArgumentException(payloadType.getName() + " is not an event payload type"));
        if (!expected.equals(attributes.type())) {
            throw new MalformedCloudEventException("a '" + attributes.type() + "' event cannot be read as "
                    + payloadType.getSimpleName() + " (a '" + expected + "' payload)");
        }
        JsonNode payload;
        try {
            payload = value == null ? null : mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedCloudEventException("value is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new MalformedCloudEventException("value is not a JSON object");
        }
        EventSchemaValidator.shared().assertValid(attributes.type(), payload);
        return new IncomingEvent<>(attributes, key, EventJson.fromJson(attributes.type(), payload, payloadType));
    }

    static boolean isTransient(Throwable t) {
        return !(t instanceof MalformedCloudEventException || t instanceof InvalidEventException
                || t instanceof IllegalArgumentException);
    }
}

package com.keystone.crm.platform.chassis.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.function.BiConsumer;

/**
 * The Kafka connector's dead-letter-queue failure strategy, counting each record it moves to the service's DLQ:
 * {@code crm_dlq_records_total{topic="<consumed topic>",dlq="<service>.dlq"}}. The chassis makes it every consumer's
 * default ({@code failure-strategy=counted-dead-letter-queue}); the DLQ settings ({@code dead-letter-queue.*}) are
 * the stock strategy's, which does the sending.
 */
@ApplicationScoped
@Identifier(CountedDeadLetterQueue.STRATEGY)
public class CountedDeadLetterQueue implements KafkaFailureHandler.Factory {
    public static final String STRATEGY = "counted-dead-letter-queue";
    public static final String METRIC = "crm.dlq.records";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final MeterRegistry registry;

    public CountedDeadLetterQueue(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
                                  MeterRegistry registry) {
        this.deadLetterQueue = deadLetterQueue;
        this.registry = registry;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
                                      BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler handler = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        String dlq = config.getDeadLetterQueueTopic().orElse("dead-letter-topic-" + config.getChannel());
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                return handler.handle(record, reason, metadata)
                        .invoke(() -> counter(record.getTopic(), dlq).increment());
            }

            @Override
            public void terminate() {
                handler.terminate();
            }
        };
    }

    private Counter counter(String topic, String dlq) {
        return Counter.builder(METRIC).description("records sent to the dead-letter topic, by consumed topic")
                .tag("topic", topic).tag("dlq", dlq).register(registry);
    }
}

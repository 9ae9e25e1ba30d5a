package com.keystone.crm.platform.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.platform.contracts.EventPayloadTypes;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads and writes events on the test broker the way services do: CloudEvents binary mode, JSON values.
 */
public final class KafkaEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(45);
    private static KafkaProducer<String, String> sharedProducer;
    private static String sharedProducerBootstrap;

    private KafkaEvents() {
    }

    /** Every record on the topic, from the beginning, until the predicate matches one (or the timeout). */
    public static CapturedEvent awaitEvent(String topic, Predicate<CapturedEvent> match) {
        return awaitEvent(topic, match, DEFAULT_TIMEOUT);
    }

    public static CapturedEvent awaitEvent(String topic, Predicate<CapturedEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) {
                    partitions = partitions(consumer, topic);
                    if (partitions.isEmpty()) {
                        pause();
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    CapturedEvent e = capture(r);
                    if (match.test(e)) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    /** Every record currently on the topic (reads to the end offsets as of now). */
    public static List<CapturedEvent> readAll(String topic) {
        List<CapturedEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> out.add(capture(r)));
            }
        }
        return out;
    }

    /** Asserts the CloudEvents binary-mode headers of a record produced from an outbox. */
    public static void assertCloudEvent(CapturedEvent e, String expectedType, String expectedSource) {
        assertThat(e.header("ce_specversion")).as("ce_specversion").isEqualTo("1.0");
        assertThat(e.header("ce_type")).as("ce_type").isEqualTo(expectedType);
        assertThat(e.header("ce_source")).as("ce_source").isEqualTo(expectedSource);
        assertThat(e.header("ce_id")).as("ce_id").isNotBlank();
        UUID.fromString(e.header("ce_id"));
        assertThat(e.header("ce_subject")).as("ce_subject").isEqualTo(e.key());
        assertThat(e.header("content-type")).as("content-type").isEqualTo("application/json");
        assertThat(e.header("ce_time")).as("ce_time").isNotBlank();
        Instant.parse(e.header("ce_time"));
    }

    /** Asserts the value validates against the event type's JSON Schema in platform/contracts. */
    public static void assertSchemaValid(CapturedEvent e) {
        EventSchemaValidator.shared().assertValid(e.topic(), e.value());
    }

    /**
     * Publishes a typed payload (a type generated from the schemas) as its producing service would: the event type is
     * the payload's, the tenant the payload's, the value its contract JSON form.
     */
    public static void publish(String key, UUID eventId, String source, EventPayload payload) {
        await(send(key, eventId, source, payload));
    }

    /**
     * Publishes an event as a producing service's relay would: key, JSON value, CloudEvents headers. For payloads a
     * producer could not build with the generated types (a broken or foreign one); else use the typed overload.
     */
    public static void publish(String type, String key, UUID eventId, String source, String tenant, Object payload) {
        await(send(type, key, eventId, source, tenant, payload));
    }

    /**
     * {@link #publish(String, UUID, String, EventPayload)} without waiting for the broker's acknowledgement: a load
     * generator sends many, then {@link #await}s them (one round trip each in turn limited a benchmark to its own pace).
     */
    public static Future<RecordMetadata> send(String key, UUID eventId, String source, EventPayload payload) {
        return send(EventPayloadTypes.shared().eventTypeOf(payload), key, eventId, source, payload.getTenantId(),
                EventJson.toJson(payload));
    }

    /** Waits for a sent event's acknowledgement. */
    public static void await(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Future<RecordMetadata> send(String type, String key, UUID eventId, String source, String tenant, Object payload) {
        String value;
        try {
            value = payload instanceof String s ? s : JSON.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(type, key, value);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId.toString());
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "content-type", "application/json");
        if (tenant != null) {
            header(record, "ce_tenant", tenant);
        }
        return producer().send(record);
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(en -> consumer.position(en.getKey()) >= en.getValue());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static CapturedEvent capture(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        JsonNode value;
        try {
            value = r.value() == null ? null : JSON.readTree(r.value());
        } catch (IOException e) {
            value = JSON.getNodeFactory().textNode(r.value());
        }
        return new CapturedEvent(r.topic(), r.partition(), r.offset(), r.key(), value, headers, Instant.ofEpochMilli(r.timestamp()));
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CrmTestEnvironment.get().kafka().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p);
    }

    /**
     * One producer per Kafka for the test JVM (thread-safe; its network thread is a daemon): a producer per publish
     * cost a connection, a metadata fetch and a thread each time, which was most of a benchmark's publishing time.
     */
    private static synchronized KafkaProducer<String, String> producer() {
        String bootstrap = CrmTestEnvironment.get().kafka().bootstrapServers();
        if (sharedProducer == null || !bootstrap.equals(sharedProducerBootstrap)) {
            if (sharedProducer != null) {
                sharedProducer.close(Duration.ofSeconds(5));
            }
            sharedProducer = newProducer();
            sharedProducerBootstrap = bootstrap;
        }
        return sharedProducer;
    }

    private static KafkaProducer<String, String> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CrmTestEnvironment.get().kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

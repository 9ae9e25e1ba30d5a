package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

class KafkaForwarderTest {

    @Test
    void marks_every_record_after_kafka_acknowledged_it_then_finishes_the_batch() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        RecordingCommitter committer = new RecordingCommitter();
        List<RecordChangeEvent<SourceRecord>> batch = List.of(event("lead.created", "L-1"), event("lead.assigned", "L-1"));

        forwarder("c", producer).handleBatch(batch, committer);

        assertThat(producer.history()).extracting(r -> r.topic()).containsExactly("lead.created", "lead.assigned");
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchFinished).isTrue();
    }

    @Test
    void a_record_kafka_rejected_and_everything_after_it_stay_unmarked() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        RecordingCommitter committer = new RecordingCommitter();
        List<RecordChangeEvent<SourceRecord>> batch = List.of(event("a", "1"), event("b", "2"), event("c", "3"));
        KafkaForwarder forwarder = forwarder("lead-service-outbox", producer);

        CompletableFuture<Void> handled = CompletableFuture.runAsync(() -> {
            try {
                forwarder.handleBatch(batch, committer);
            }
            catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() >= 3);
        producer.completeNext();
        producer.errorNext(new TimeoutException("no broker"));
        producer.completeNext();

        assertThat(handled).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .havingRootCause().withMessage("no broker");
        assertThat(handled.handle((v, e) -> e.getCause()).get()).isInstanceOf(RelayForwardingException.class)
                .hasMessageContaining("lead-service-outbox").hasMessageContaining("topic b");
        assertThat(committer.processed).containsExactly(batch.get(0));
        assertThat(committer.batchFinished).isFalse();
    }

    @Test
    void once_a_send_has_failed_already_the_rest_of_the_batch_is_not_sent() {
        AtomicInteger sends = new AtomicInteger();
        // what KafkaProducer returns when the broker is unreachable: a failed future, after max.block.ms
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
                sends.incrementAndGet();
                return CompletableFuture.failedFuture(new TimeoutException("Topic " + record.topic() + " not present in metadata after 60000 ms."));
            }
        };
        RecordingCommitter committer = new RecordingCommitter();
        List<RecordChangeEvent<SourceRecord>> batch = List.of(event("a", "1"), event("b", "2"), event("c", "3"));

        assertThatThrownBy(() -> forwarder("c", producer).handleBatch(batch, committer))
                .isInstanceOf(RelayForwardingException.class)
                .hasMessageContaining("topic a")
                .hasRootCauseMessage("Topic a not present in metadata after 60000 ms.");
        assertThat(sends).as("one wait for metadata per batch, not one per record").hasValue(1);
        assertThat(committer.processed).isEmpty();
    }

    @Test
    void a_fatal_producer_error_replaces_the_producer_and_the_next_batch_goes_through_a_new_one() throws Exception {
        List<MockProducer<byte[], byte[]>> created = new ArrayList<>();
        RelayMetrics metrics = new RelayMetrics(List.of("c"), new HealthRegistry(List.of("c")));
        RelayProducer producers = new RelayProducer("c", () -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            created.add(producer);
            return producer;
        }, metrics);
        KafkaForwarder forwarder = new KafkaForwarder("c", producers, new RecordConverter(), metrics);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(event("lead.created", "1"), event("lead.created", "2"));
        RecordingCommitter first = new RecordingCommitter();

        CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> handle(forwarder, batch, first));
        await().atMost(Duration.ofSeconds(10)).until(() -> created.size() == 1 && created.get(0).history().size() == 2);
        created.get(0).completeNext();
        created.get(0).errorNext(new OutOfOrderSequenceException("The broker received an out of order sequence number."));

        assertThat(failing).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .havingRootCause().isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(first.processed).containsExactly(batch.get(0));
        assertThat(created.get(0).closed()).as("the failed producer is closed").isTrue();

        // the engine restarts from the last committed offset: the unacknowledged record comes again
        RecordingCommitter second = new RecordingCommitter();
        CompletableFuture<Void> retried = CompletableFuture.runAsync(() -> handle(forwarder, batch.subList(1, 2), second));
        await().atMost(Duration.ofSeconds(10)).until(() -> created.size() == 2 && created.get(1).history().size() == 1);
        created.get(1).completeNext();
        assertThat(retried).succeedsWithin(10, TimeUnit.SECONDS);
        assertThat(second.processed).containsExactly(batch.get(1));
        assertThat(second.batchFinished).isTrue();
        assertThat(metrics.scrape()).contains("relay_producer_recreations_total{connector=\"c\"} 1.0")
                .contains("relay_records_forwarded_total{connector=\"c\",topic=\"lead.created\"} 2.0");
    }

    @Test
    void a_retriable_error_keeps_the_producer() throws Exception {
        List<MockProducer<byte[], byte[]>> created = new ArrayList<>();
        RelayMetrics metrics = new RelayMetrics(List.of("c"), new HealthRegistry(List.of("c")));
        RelayProducer producers = new RelayProducer("c", () -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            created.add(producer);
            return producer;
        }, metrics);
        KafkaForwarder forwarder = new KafkaForwarder("c", producers, new RecordConverter(), metrics);
        CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> handle(forwarder, List.of(event("a", "1")), new RecordingCommitter()));
        await().atMost(Duration.ofSeconds(10)).until(() -> created.size() == 1 && created.get(0).history().size() == 1);
        created.get(0).errorNext(new NotLeaderOrFollowerException("moving"));

        assertThat(failing).failsWithin(10, TimeUnit.SECONDS);
        assertThat(created.get(0).closed()).isFalse();
        assertThat(producers.current()).isSameAs(created.get(0));
        assertThat(metrics.scrape()).contains("relay_send_failures_total{connector=\"c\",error=\"NotLeaderOrFollowerException\",topic=\"a\"} 1.0");
    }

    @Test
    void which_errors_need_a_new_producer() {
        assertThat(ProducerErrors.requiresNewProducer(new OutOfOrderSequenceException("x"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new ProducerFencedException("x"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new UnknownProducerIdException("x"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new TopicAuthorizationException("x"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new KafkaException("fatal state", new ProducerFencedException("x")))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new IllegalStateException("Cannot perform operation after producer has been closed"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new TimeoutException("expired"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new RecordTooLargeException("x"))).isTrue();
        assertThat(ProducerErrors.requiresNewProducer(new NotLeaderOrFollowerException("x"))).isFalse();
        assertThat(ProducerErrors.requiresNewProducer(new NetworkException("x"))).isFalse();
        assertThat(ProducerErrors.requiresNewProducer(new IllegalArgumentException("x"))).isFalse();
    }

    private static void handle(KafkaForwarder forwarder, List<RecordChangeEvent<SourceRecord>> batch, RecordingCommitter committer) {
        try {
            forwarder.handleBatch(batch, committer);
        }
        catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaForwarder forwarder(String connector, MockProducer<byte[], byte[]> producer) {
        RelayMetrics metrics = new RelayMetrics(List.of(connector), new HealthRegistry(List.of(connector)));
        return new KafkaForwarder(connector, new RelayProducer(connector, () -> producer, metrics), new RecordConverter(), metrics);
    }

    private static RecordChangeEvent<SourceRecord> event(String topic, String key) {
        SourceRecord record = new SourceRecord(Map.of("server", "s"), Map.of("lsn", 1L), topic, null,
                Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA, "v");
        return () -> record;
    }

    private static final class RecordingCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<RecordChangeEvent<SourceRecord>> processed = new ArrayList<>();
        volatile boolean batchFinished;

        @Override
        public synchronized void markProcessed(RecordChangeEvent<SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchFinished = true;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            markProcessed(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            return (key, value) -> {
            };
        }
    }
}

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
import org.apache.kafka.common.errors.TimeoutException;
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

        new KafkaForwarder("c", producer, new RecordConverter()).handleBatch(batch, committer);

        assertThat(producer.history()).extracting(r -> r.topic()).containsExactly("lead.created", "lead.assigned");
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchFinished).isTrue();
    }

    @Test
    void a_record_kafka_rejected_and_everything_after_it_stay_unmarked() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        RecordingCommitter committer = new RecordingCommitter();
        List<RecordChangeEvent<SourceRecord>> batch = List.of(event("a", "1"), event("b", "2"), event("c", "3"));
        KafkaForwarder forwarder = new KafkaForwarder("lead-service-outbox", producer, new RecordConverter());

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

        assertThatThrownBy(() -> new KafkaForwarder("c", producer, new RecordConverter()).handleBatch(batch, committer))
                .isInstanceOf(RelayForwardingException.class)
                .hasMessageContaining("topic a")
                .hasRootCauseMessage("Topic a not present in metadata after 60000 ms.");
        assertThat(sends).as("one wait for metadata per batch, not one per record").hasValue(1);
        assertThat(committer.processed).isEmpty();
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

package com.keystone.crm.platform.cdcrelay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

/**
 * The engine's batch handler: sends every record of a batch, then waits for Kafka's acknowledgement of each one in
 * order and only then marks it processed, so an offset is never committed for a record Kafka does not have
 * (at-least-once). A failed send ends the batch with {@link RelayForwardingException}; the records after it stay
 * unmarked and are read again when the relay restarts the engine. When the failure leaves the producer unusable
 * ({@link ProducerErrors}), the producer is replaced first, so the restarted engine sends through a fresh one instead
 * of failing the same way forever.
 */
public final class KafkaForwarder implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final String connectorName;
    private final RelayProducer producers;
    private final RecordConverter converter;
    private final RelayMetrics metrics;

    public KafkaForwarder(String connectorName, RelayProducer producers, RecordConverter converter, RelayMetrics metrics) {
        this.connectorName = connectorName;
        this.producers = producers;
        this.converter = converter;
        this.metrics = metrics;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Producer<byte[], byte[]> producer = producers.current();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(records.size());
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>(records.size());
        RuntimeException sendFailure = null;
        String failedTopic = null;
        boolean producerFailed = false;
        for (RecordChangeEvent<SourceRecord> event : records) {
            ProducerRecord<byte[], byte[]> record;
            try {
                record = converter.toProducerRecord(event.record());
            }
            catch (RuntimeException e) {
                // a record the relay cannot serialize: not the producer's fault
                sendFailure = e;
                failedTopic = event.record().topic();
                break;
            }
            try {
                Future<RecordMetadata> acknowledgement = producer.send(record);
                sent.add(record);
                acknowledgements.add(acknowledgement);
                if (failedAlready(acknowledgement)) {
                    // e.g. no metadata within max.block.ms: the broker is unreachable, do not wait again per record
                    break;
                }
            }
            catch (RuntimeException e) {
                // a closed producer, or one in a fatal error state, refuses the send itself
                sendFailure = e;
                failedTopic = record.topic();
                producerFailed = true;
                break;
            }
        }
        for (int i = 0; i < acknowledgements.size(); i++) {
            ProducerRecord<byte[], byte[]> record = sent.get(i);
            try {
                acknowledgements.get(i).get();
            }
            catch (ExecutionException e) {
                throw failed(producer, record.topic(), e.getCause(), "connector " + connectorName
                        + ": Kafka did not accept a record for topic " + record.topic() + ": " + e.getCause());
            }
            metrics.forwarded(connectorName, record.topic(), record.timestamp());
            committer.markProcessed(records.get(i));
        }
        if (sendFailure != null) {
            String message = "connector " + connectorName + ": cannot send record " + (acknowledgements.size() + 1)
                    + " of the batch: " + sendFailure;
            if (producerFailed) {
                throw failed(producer, failedTopic, sendFailure, message);
            }
            metrics.sendFailed(connectorName, failedTopic, sendFailure);
            throw new RelayForwardingException(message, sendFailure);
        }
        committer.markBatchFinished();
    }

    private RelayForwardingException failed(Producer<byte[], byte[]> producer, String topic, Throwable cause, String message) {
        metrics.sendFailed(connectorName, topic, cause);
        if (ProducerErrors.requiresNewProducer(cause)) {
            producers.replace(producer, cause);
        }
        return new RelayForwardingException(message, cause);
    }

    private static boolean failedAlready(Future<RecordMetadata> acknowledgement) throws InterruptedException {
        if (!acknowledgement.isDone()) {
            return false;
        }
        try {
            acknowledgement.get();
            return false;
        }
        catch (ExecutionException e) {
            return true;
        }
    }
}

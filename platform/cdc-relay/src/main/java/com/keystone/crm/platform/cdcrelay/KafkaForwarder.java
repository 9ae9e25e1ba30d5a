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
 * unmarked and are read again when the relay restarts the engine.
 */
public final class KafkaForwarder implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final String connectorName;
    private final Producer<byte[], byte[]> producer;
    private final RecordConverter converter;

    public KafkaForwarder(String connectorName, Producer<byte[], byte[]> producer, RecordConverter converter) {
        this.connectorName = connectorName;
        this.producer = producer;
        this.converter = converter;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(records.size());
        List<String> topics = new ArrayList<>(records.size());
        RuntimeException sendFailure = null;
        for (RecordChangeEvent<SourceRecord> event : records) {
            try {
                ProducerRecord<byte[], byte[]> record = converter.toProducerRecord(event.record());
                Future<RecordMetadata> acknowledgement = producer.send(record);
                topics.add(record.topic());
                acknowledgements.add(acknowledgement);
                if (failedAlready(acknowledgement)) {
                    // e.g. no metadata within max.block.ms: the broker is unreachable, do not wait again per record
                    break;
                }
            }
            catch (RuntimeException e) {
                sendFailure = e;
                break;
            }
        }
        for (int i = 0; i < acknowledgements.size(); i++) {
            try {
                acknowledgements.get(i).get();
            }
            catch (ExecutionException e) {
                throw new RelayForwardingException("connector " + connectorName + ": Kafka did not accept a record for topic "
                        + topics.get(i) + ": " + e.getCause(), e.getCause());
            }
            committer.markProcessed(records.get(i));
        }
        if (sendFailure != null) {
            throw new RelayForwardingException("connector " + connectorName + ": cannot send record "
                    + (acknowledgements.size() + 1) + " of the batch: " + sendFailure, sendFailure);
        }
        committer.markBatchFinished();
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

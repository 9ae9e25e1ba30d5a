package com.keystone.crm.platform.cdcrelay;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Serializes a transformed {@link SourceRecord} the way the connector files configure a Kafka Connect worker to:
 * <ul>
 * <li>topic and partition: the record's (the Outbox Event Router sets the topic to the event type);</li>
 * <li>key: UTF-8 of the key's string form ({@code StringConverter});</li>
 * <li>value: {@code JsonConverter} with {@code schemas.enable=false}, so an expanded outbox payload becomes a
 * JSON object;</li>
 * <li>headers: every Connect header whose value is not null, as UTF-8 of its string form (what Connect's
 * {@code SimpleHeaderConverter} writes); null-valued headers are left out;</li>
 * <li>timestamp: the record's, if any.</li>
 * </ul>
 */
public final class RecordConverter {

    private final JsonConverter valueConverter = new JsonConverter();

    public RecordConverter() {
        valueConverter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(SourceRecord record) {
        String topic = record.topic();
        if (topic == null || topic.isBlank()) {
            throw new DataException("record without a topic: " + record);
        }
        byte[] key = record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
        byte[] value = valueConverter.fromConnectData(topic, record.valueSchema(), record.value());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.add(header.key(), Values.convertToString(header.schema(), header.value()).getBytes(StandardCharsets.UTF_8));
            }
        }
        Long timestamp = record.timestamp() != null && record.timestamp() >= 0 ? record.timestamp() : null;
        return new ProducerRecord<>(topic, record.kafkaPartition(), timestamp, key, value, headers);
    }
}

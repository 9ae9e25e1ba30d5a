package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

    private final RecordConverter converter = new RecordConverter();

    @Test
    void topic_key_json_value_and_non_null_headers() {
        Schema payloadSchema = SchemaBuilder.struct().optional()
                .field("leadId", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", Schema.OPTIONAL_INT32_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .field("note", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        Struct payload = new Struct(payloadSchema)
                .put("leadId", "L-1").put("score", 42).put("tags", List.of("hot", "buyer")).put("note", null);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("ce_id", "6f1c1d1e-3a43-4d4c-9d1c-0a8a1b2c3d4e");
        headers.addString("ce_type", "lead.created");
        headers.addString("ce_time", "2026-11-25T17:52:00.123456Z");
        headers.addString("content-type", "application/json");
        headers.add("ce_tenant", null, Schema.OPTIONAL_STRING_SCHEMA);
        headers.add("traceparent", null, Schema.OPTIONAL_STRING_SCHEMA);
        headers.addInt("attempt", 3);
        SourceRecord record = new SourceRecord(Map.of("server", "lead-service"), Map.of("lsn", 1L), "lead.created", null,
                Schema.STRING_SCHEMA, "L-1", payloadSchema, payload, 1_700_000_000_000L, headers);

        ProducerRecord<byte[], byte[]> produced = converter.toProducerRecord(record);

        assertThat(produced.topic()).isEqualTo("lead.created");
        assertThat(produced.partition()).isNull();
        assertThat(produced.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(new String(produced.key(), StandardCharsets.UTF_8)).isEqualTo("L-1");
        assertThat(new String(produced.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"leadId\":\"L-1\",\"score\":42,\"tags\":[\"hot\",\"buyer\"],\"note\":null}");
        assertThat(headerMap(produced)).containsExactly(
                Map.entry("ce_id", "6f1c1d1e-3a43-4d4c-9d1c-0a8a1b2c3d4e"),
                Map.entry("ce_type", "lead.created"),
                Map.entry("ce_time", "2026-11-25T17:52:00.123456Z"),
                Map.entry("content-type", "application/json"),
                Map.entry("attempt", "3"));
    }

    @Test
    void a_string_value_stays_a_json_string_and_null_is_a_tombstone() {
        SourceRecord stringValue = new SourceRecord(Map.of(), Map.of(), "t", null, null, null,
                Schema.STRING_SCHEMA, "{\"a\":1}", null);
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), "t", null, Schema.STRING_SCHEMA, "k", null, null, -1L);

        assertThat(new String(converter.toProducerRecord(stringValue).value(), StandardCharsets.UTF_8)).isEqualTo("\"{\\\"a\\\":1}\"");
        assertThat(converter.toProducerRecord(stringValue).key()).isNull();
        assertThat(converter.toProducerRecord(tombstone).value()).isNull();
        assertThat(converter.toProducerRecord(tombstone).timestamp()).as("negative timestamps are not sent").isNull();
    }

    @Test
    void keeps_an_explicit_partition_and_rejects_records_without_topic() {
        SourceRecord partitioned = new SourceRecord(Map.of(), Map.of(), "t", 2, Schema.STRING_SCHEMA, "k", null, null);
        SourceRecord noTopic = new SourceRecord(Map.of(), Map.of(), null, null, Schema.STRING_SCHEMA, "k", null, null);

        assertThat(converter.toProducerRecord(partitioned).partition()).isEqualTo(2);
        assertThatThrownBy(() -> converter.toProducerRecord(noTopic)).isInstanceOf(DataException.class);
    }

    static Map<String, String> headerMap(ProducerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

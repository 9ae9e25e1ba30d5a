package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.debezium.config.Configuration;
import io.debezium.data.Envelope;
import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.embedded.Transformations;
import io.debezium.time.ZonedTimestamp;

/**
 * The SMT chain of the real {@code deploy/connect/lead-service.json}, applied by Debezium's {@link Transformations}
 * (what the embedded engine uses) to a hand-built PostgreSQL change event of an {@code outbox_event} row, then
 * serialized by {@link RecordConverter}: no database, no broker.
 */
class OutboxConnectorPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Schema ROW = SchemaBuilder.struct().name("lead-service.public.outbox_event.Value")
            .field("id", Uuid.schema())
            .field("aggregatetype", Schema.STRING_SCHEMA)
            .field("aggregateid", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field("payload", Json.schema())
            .field("source", Schema.STRING_SCHEMA)
            .field("specversion", Schema.STRING_SCHEMA)
            .field("content_type", Schema.STRING_SCHEMA)
            .field("occurred_at", ZonedTimestamp.schema())
            .field("tenant_id", Schema.OPTIONAL_STRING_SCHEMA)
            .field("traceparent", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .build();
    private static final Envelope ENVELOPE = Envelope.defineSchema()
            .withName("lead-service.public.outbox_event.Envelope")
            .withRecord(ROW)
            .withSource(SOURCE)
            .build();

    @Test
    void an_inserted_outbox_row_becomes_a_cloudevents_record_on_the_event_type_topic() throws Exception {
        Struct row = row("lead.created", "{\"leadId\": \"L-7\", \"name\": {\"first\": \"Ada\"}, \"tags\": [\"hot\"], \"note\": null}",
                "tenant-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        ProducerRecord<byte[], byte[]> produced = relay(ENVELOPE.create(row, source(), Instant.parse("2026-11-25T17:52:01Z")));

        assertThat(produced.topic()).isEqualTo("lead.created");
        assertThat(new String(produced.key(), StandardCharsets.UTF_8)).isEqualTo("L-7");
        assertThat(JSON.readTree(produced.value()))
                .isEqualTo(JSON.readTree("{\"leadId\": \"L-7\", \"name\": {\"first\": \"Ada\"}, \"tags\": [\"hot\"], \"note\": null}"));
        assertThat(RecordConverterTest.headerMap(produced)).containsOnly(
                Map.entry("ce_id", "6f1c1d1e-3a43-4d4c-9d1c-0a8a1b2c3d4e"),
                Map.entry("ce_type", "lead.created"),
                Map.entry("ce_source", "/lead-service"),
                Map.entry("ce_subject", "L-7"),
                Map.entry("ce_time", "2026-11-25T17:52:00.123456Z"),
                Map.entry("ce_specversion", "1.0"),
                Map.entry("content-type", "application/json"),
                Map.entry("ce_tenant", "tenant-1"),
                Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @Test
    void null_tenant_and_traceparent_headers_are_left_out() {
        Struct row = row("lead.status-changed", "{\"leadId\": \"L-7\"}", null, null);

        ProducerRecord<byte[], byte[]> produced = relay(ENVELOPE.create(row, source(), Instant.now()));

        assertThat(produced.topic()).isEqualTo("lead.status-changed");
        assertThat(RecordConverterTest.headerMap(produced)).doesNotContainKeys("ce_tenant", "traceparent", "id")
                .containsKeys("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "ce_specversion", "content-type");
    }

    @Test
    void snapshot_reads_are_routed_like_inserts() {
        Struct row = row("lead.created", "{\"leadId\": \"L-7\"}", "tenant-1", null);

        ProducerRecord<byte[], byte[]> produced = relay(ENVELOPE.read(row, source(), Instant.now()));

        assertThat(produced.topic()).isEqualTo("lead.created");
        assertThat(new String(produced.value(), StandardCharsets.UTF_8)).isEqualTo("{\"leadId\":\"L-7\"}");
    }

    @Test
    void deletes_of_outbox_rows_produce_nothing() {
        Struct row = row("lead.created", "{\"leadId\": \"L-7\"}", null, null);

        assertThat(transformations().transform(sourceRecord(ENVELOPE.delete(row, source(), Instant.now())))).isNull();
    }

    private static ProducerRecord<byte[], byte[]> relay(Struct envelope) {
        SourceRecord transformed = transformations().transform(sourceRecord(envelope));
        return new RecordConverter().toProducerRecord(transformed);
    }

    private static Transformations transformations() {
        ConnectorDefinition connector = new ConnectorFileLoader(new PlaceholderResolver(EnvLookup.of(TestFiles.dbEnv("db", 5432))))
                .load(TestFiles.deployConnectDir(), Set.of("lead-service-outbox")).get(0);
        Properties properties = EngineProperties.of(connector, RelaySettings.from(EnvLookup.of(Map.of())));
        return new Transformations(Configuration.from(properties));
    }

    private static SourceRecord sourceRecord(Struct envelope) {
        return new SourceRecord(Map.of("server", "lead-service"), Map.of("lsn", 42L),
                "lead-service.public.outbox_event", null,
                SchemaBuilder.struct().name("lead-service.public.outbox_event.Key").field("id", Uuid.schema()).build(),
                new Struct(SchemaBuilder.struct().name("lead-service.public.outbox_event.Key").field("id", Uuid.schema()).build())
                        .put("id", "6f1c1d1e-3a43-4d4c-9d1c-0a8a1b2c3d4e"),
                ENVELOPE.schema(), envelope);
    }

    private static Struct source() {
        return new Struct(SOURCE).put("connector", "postgresql").put("name", "lead-service").put("ts_ms", 1_764_093_121_000L);
    }

    private static Struct row(String type, String payload, String tenant, String traceparent) {
        return new Struct(ROW)
                .put("id", "6f1c1d1e-3a43-4d4c-9d1c-0a8a1b2c3d4e")
                .put("aggregatetype", "lead")
                .put("aggregateid", "L-7")
                .put("type", type)
                .put("payload", payload)
                .put("source", "/lead-service")
                .put("specversion", "1.0")
                .put("content_type", "application/json")
                .put("occurred_at", "2026-11-25T17:52:00.123456Z")
                .put("tenant_id", tenant)
                .put("traceparent", traceparent);
    }
}

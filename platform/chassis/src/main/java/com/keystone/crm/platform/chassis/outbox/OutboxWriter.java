package com.keystone.crm.platform.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.chassis.observability.CurrentTraceparent;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends an event to the service's {@code outbox_event} table in the caller's current reactive transaction,
 * so the change and its event commit or roll back together. Debezium reads the table's inserts from the WAL.
 * The payload, a type generated from the schemas, is written in the contracts' JSON form ({@link EventJson}) and
 * checked against the event type's JSON Schema first: a service cannot publish what the contract does not promise
 * (a required field left unset is caught here). The row carries the current span's W3C traceparent, so the trace
 * goes on past Kafka.
 */
@ApplicationScoped
public class OutboxWriter {
    static final String INSERT = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id, traceparent) "
            // text first: the PG client would encode a String bound to a jsonb parameter as a JSON string
            + "VALUES (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb), ?6, ?7, ?8, ?9)";

    /** Many rows in one statement: the events travel as one JSON array, unpacked by jsonb_to_recordset. */
    static final String INSERT_ALL = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id, traceparent) "
            + "SELECT x.id, x.aggregatetype, x.aggregateid, x.type, x.payload, ?1, x.occurred_at, x.tenant_id, ?3 "
            + "FROM jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) AS x(id uuid, aggregatetype text, "
            + "aggregateid text, type text, payload jsonb, occurred_at timestamptz, tenant_id text)";

    private final ObjectMapper mapper;
    private final String source;
    private final boolean validate;

    public OutboxWriter(ObjectMapper mapper,
                        @ConfigProperty(name = "quarkus.application.name") String applicationName,
                        @ConfigProperty(name = "crm.outbox.validate", defaultValue = "true") boolean validate) {
        this.mapper = mapper;
        this.source = "/" + applicationName;
        this.validate = validate;
    }

    /** Must run inside a transaction ({@code @WithTransaction} or {@code Panache.withTransaction}). */
    public Uni<Void> append(OutboxEvent event) {
        String json;
        try {
            JsonNode payload = EventJson.toJson(event.payload());
            if (validate) {
                EventSchemaValidator.shared().assertValid(event.type(), payload);
            }
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event payload is not serialisable", e));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        String traceparent = CurrentTraceparent.value();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.id())
                        .setParameter(2, event.aggregateType())
                        .setParameter(3, event.aggregateId())
                        .setParameter(4, event.type())
                        .setParameter(5, json)
                        .setParameter(6, source)
                        .setParameter(7, event.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter(8, event.tenantId())
                        .setParameter(9, traceparent)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Appends several events with one statement (a sync batch publishes hundreds: one round trip each dominated its
     * time). Same rows and contract checks as {@link #append}; all or nothing. Must run inside a transaction.
     */
    public Uni<Void> appendAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String json;
        try {
            List<Map<String, Object>> rows = new ArrayList<>(events.size());
            for (OutboxEvent event : events) {
                JsonNode payload = EventJson.toJson(event.payload());
                if (validate) {
                    EventSchemaValidator.shared().assertValid(event.type(), payload);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", event.id().toString());
                row.put("aggregatetype", event.aggregateType());
                row.put("aggregateid", event.aggregateId());
                row.put("type", event.type());
                row.put("payload", payload);
                row.put("occurred_at", event.occurredAt().toString());
                row.put("tenant_id", event.tenantId());
                rows.add(row);
            }
            json = mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event payload is not serialisable", e));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        String traceparent = CurrentTraceparent.value();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_ALL)
                        .setParameter(1, source)
                        .setParameter(2, json)
                        .setParameter(3, traceparent)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public String source() {
        return source;
    }
}

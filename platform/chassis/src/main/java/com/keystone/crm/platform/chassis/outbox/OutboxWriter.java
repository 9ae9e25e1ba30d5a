package com.keystone.crm.platform.chassis.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneOffset;

/**
 * Appends an event to the service's {@code outbox_event} table in the caller's current reactive transaction,
 * so the change and its event commit or roll back together. Debezium reads the table's inserts from the WAL.
 * The payload is checked against the event type's JSON Schema first: a service cannot publish what the
 * contract does not promise.
 */
@ApplicationScoped
public class OutboxWriter {
    static final String INSERT = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, payload, source, occurred_at, tenant_id, traceparent) "
            // text first: the PG client would encode a String bound to a jsonb parameter as a JSON string
            + "VALUES (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb), ?6, ?7, ?8, ?9)";

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
            JsonNode payload = mapper.valueToTree(event.payload());
            if (validate) {
                EventSchemaValidator.shared().assertValid(event.type(), payload);
            }
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event payload is not serialisable", e));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.id())
                        .setParameter(2, event.aggregateType())
                        .setParameter(3, event.aggregateId())
                        .setParameter(4, event.type())
                        .setParameter(5, json)
                        .setParameter(6, source)
                        .setParameter(7, event.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter(8, event.tenantId())
                        .setParameter(9, null)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public String source() {
        return source;
    }
}

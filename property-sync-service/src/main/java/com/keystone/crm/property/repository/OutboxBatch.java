package com.keystone.crm.property.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.contracts.EventSchemaValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sync batch's events into {@code outbox_event} with one statement, in the caller's transaction: the same rows,
 * checks and source as the chassis {@link OutboxWriter} (which appends one event per statement), for the hundreds of
 * events of one batch. The benchmark showed one INSERT per event taking over half of a first sync's records phase.
 * Belongs in the chassis as a set-wise append; kept here until it is there.
 */
@ApplicationScoped
public class OutboxBatch {
    static final String INSERT = "INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, source, "
            + "occurred_at, tenant_id, traceparent) SELECT x.id, x.aggregatetype, x.aggregateid, x.type, x.payload, ?1, "
            + "x.occurred_at, x.tenant_id, NULL FROM jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) "
            + "AS x(id uuid, aggregatetype text, aggregateid text, type text, payload jsonb, occurred_at timestamptz, "
            + "tenant_id text)";

    private final ObjectMapper mapper;
    private final OutboxWriter outbox;
    private final boolean validate;

    public OutboxBatch(ObjectMapper mapper, OutboxWriter outbox,
                       @ConfigProperty(name = "crm.outbox.validate", defaultValue = "true") boolean validate) {
        this.mapper = mapper;
        this.outbox = outbox;
        this.validate = validate;
    }

    /** Must run inside a transaction; every payload is checked against its contract first, as the chassis does. */
    public Uni<Void> appendAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String json;
        try {
            List<Map<String, Object>> rows = new ArrayList<>(events.size());
            for (OutboxEvent e : events) {
                JsonNode payload = e.payload() instanceof JsonNode node ? node : mapper.valueToTree(e.payload());
                if (validate) {
                    EventSchemaValidator.shared().assertValid(e.type(), payload);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", e.id().toString());
                row.put("aggregatetype", e.aggregateType());
                row.put("aggregateid", e.aggregateId());
                row.put("type", e.type());
                row.put("payload", payload);
                row.put("occurred_at", e.occurredAt().toString());
                row.put("tenant_id", e.tenantId());
                rows.add(row);
            }
            json = mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event payload is not serialisable", e));
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return NativeSql.execute(INSERT, outbox.source(), json).replaceWithVoid();
    }
}

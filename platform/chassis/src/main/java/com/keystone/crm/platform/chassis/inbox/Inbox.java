package com.keystone.crm.platform.chassis.inbox;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The {@code consumed_event} table: which event ids a handler already applied. */
@ApplicationScoped
public class Inbox {
    static final String RECORD = "INSERT INTO consumed_event (event_id, handler, event_type, source) "
            + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

    /** A batch's events in one statement; their ids travel as one JSON array (as the outbox's and the leases' do). */
    static final String RECORD_ALL = "INSERT INTO consumed_event (event_id, handler, event_type, source) "
            + "SELECT x.event_id, ?2, x.event_type, x.source "
            + "FROM jsonb_to_recordset(" + JsonParameter.jsonb(1) + ") AS x(event_id uuid, event_type text, source text) "
            + "ON CONFLICT DO NOTHING RETURNING event_id";

    /**
     * Records the events for the handler in the current transaction, in one statement; answers the ids recorded now
     * (first deliveries), not those recorded before (redeliveries) nor a second copy within the batch.
     */
    public <T> Uni<Set<UUID>> firstDeliveries(List<IncomingEvent<T>> events, String handler) {
        String rows = JsonParameter.of(events.stream().map(e -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("event_id", e.attributes().id().toString());
            row.put("event_type", e.type());
            row.put("source", e.attributes().source());
            return row;
        }).toList());
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD_ALL, UUID.class)
                        .setParameter(1, rows)
                        .setParameter(2, handler)
                        .getResultList())
                .map(HashSet::new);
    }

    /**
     * Records the event for the handler in the current transaction; true the first time, false for a redelivery.
     */
    public Uni<Boolean> firstDelivery(UUID eventId, String handler, String eventType, String source) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD)
                        .setParameter(1, eventId)
                        .setParameter(2, handler)
                        .setParameter(3, eventType)
                        .setParameter(4, source)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }
}

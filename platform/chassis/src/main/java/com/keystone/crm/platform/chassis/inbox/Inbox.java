package com.keystone.crm.platform.chassis.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The {@code consumed_event} table: which event ids a handler already applied. */
@ApplicationScoped
public class Inbox {
    static final String RECORD = "INSERT INTO consumed_event (event_id, handler, event_type, source) "
            + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

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

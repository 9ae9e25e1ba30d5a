package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Webhooks already applied, by a key naming the fact they report (a message's status, an inbound message): the same
 * fact again is a replay and changes nothing. Runs in the caller's transaction, so a failed effect records nothing.
 */
@ApplicationScoped
public class WebhookReceipts {
    static final String INSERT = "INSERT INTO webhook_receipt (receipt_key, received_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    /** Many keys in one statement; they travel as one JSON array (as the inbox's event ids do). */
    static final String INSERT_ALL = "INSERT INTO webhook_receipt (receipt_key, received_at) "
            + "SELECT x.k, ?2 FROM " + JsonParameter.elements(1) + " AS x(k) "
            + "ON CONFLICT DO NOTHING RETURNING receipt_key";

    private final CrmClock clock;

    public WebhookReceipts(CrmClock clock) {
        this.clock = clock;
    }

    /**
     * Records the keys in one statement; answers those seen now for the first time (a key recorded before, or a
     * second copy within {@code keys}, is not among them twice: the caller takes each answered key once).
     */
    public Uni<Set<String>> firstOf(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String array = JsonParameter.of(keys);
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_ALL, String.class).setParameter(1, array)
                .setParameter(2, clock.now().atOffset(ZoneOffset.UTC)).getResultList()).map(HashSet::new);
    }

    /** True the first time this key is seen. */
    public Uni<Boolean> first(String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT).setParameter(1, key)
                .setParameter(2, clock.now().atOffset(ZoneOffset.UTC)).executeUpdate()).map(n -> n == 1);
    }
}

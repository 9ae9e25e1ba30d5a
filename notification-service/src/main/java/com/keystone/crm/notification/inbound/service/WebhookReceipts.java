package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;

/**
 * Webhooks already applied, by a key naming the fact they report (a message's status, an inbound message): the same
 * fact again is a replay and changes nothing. Runs in the caller's transaction, so a failed effect records nothing.
 */
@ApplicationScoped
public class WebhookReceipts {
    static final String INSERT = "INSERT INTO webhook_receipt (receipt_key, received_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

    private final CrmClock clock;

    public WebhookReceipts(CrmClock clock) {
        this.clock = clock;
    }

    /** True the first time this key is seen. */
    public Uni<Boolean> first(String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT).setParameter(1, key)
                .setParameter(2, clock.now().atOffset(ZoneOffset.UTC)).executeUpdate()).map(n -> n == 1);
    }
}

package com.keystone.crm.notification.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The delivery counters, counted the same whether a delivery went alone or in a batch. */
@ApplicationScoped
public class DeliveryMeters {
    private final MeterRegistry metrics;

    public DeliveryMeters(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void sent(String channel, String provider) {
        metrics.counter("crm.notifications.sent", "channel", channel, "provider", provider).increment();
    }

    void recipientRefused(String channel) {
        metrics.counter("crm.notifications.failed", "channel", channel, "reason", "recipient").increment();
    }

    void providerFault(String provider) {
        metrics.counter("crm.notifications.provider.faults", "provider", provider).increment();
    }

    void leaseLost() {
        metrics.counter("crm.notifications.lease.lost").increment();
    }

    void reconciled(String outcome) {
        metrics.counter("crm.notifications.reconciled", "outcome", outcome).increment();
    }
}

package com.keystone.crm.property.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** Whether this instance is in a sync's records phase right now; the photo queue yields to it. */
@ApplicationScoped
public class RecordsActivity {
    private final AtomicInteger running = new AtomicInteger();

    void started() {
        running.incrementAndGet();
    }

    void ended() {
        running.decrementAndGet();
    }

    public boolean running() {
        return running.get() > 0;
    }

    /** How many photo copies may run at once now: fewer while a records phase runs, never none. */
    int photoSlots(int concurrency, int duringSync) {
        return running() ? Math.max(1, Math.min(concurrency, duringSync)) : concurrency;
    }
}

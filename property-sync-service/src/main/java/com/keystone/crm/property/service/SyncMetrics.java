package com.keystone.crm.property.service;

import com.keystone.crm.property.repository.RunCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the sync (at /q/metrics): runs by outcome, records by result, photos copied (and how many
 * were already stored), errors by code, the photo backlog and each provider's watermark lag.
 */
@ApplicationScoped
public class SyncMetrics {
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final Map<UUID, AtomicLong> watermarks = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("mls_photo_backlog", backlog, AtomicLong::get)
                .description("photo copies waiting in the queue").register(registry);
    }

    void records(ClaimedRun run, RunCounts c) {
        counter("mls_sync_records", run.providerId(), "result", "fetched").increment(c.fetched());
        counter("mls_sync_records", run.providerId(), "result", "changed").increment(c.changed());
        counter("mls_sync_records", run.providerId(), "result", "unchanged").increment(c.unchanged());
        counter("mls_photos_queued", run.providerId(), "mode", run.mode().wire()).increment(c.photosQueued());
    }

    void removed(ClaimedRun run, long n) {
        counter("mls_sync_records", run.providerId(), "result", "removed").increment(n);
    }

    void finished(ClaimedRun run, String outcome, Instant watermark) {
        counter("mls_sync_runs", run.providerId(), "outcome", outcome).increment();
        if (watermark != null) {
            watermark(run.providerId(), watermark);
        }
    }

    void error(ClaimedRun run, String code) {
        error(run.providerId(), code);
    }

    public void error(UUID providerId, String code) {
        counter("mls_sync_errors", providerId, "code", code).increment();
    }

    public void photoCopied(UUID providerId, boolean alreadyStored) {
        counter("mls_photos_copied", providerId, "stored", alreadyStored ? "deduplicated" : "uploaded").increment();
    }

    /** Photo copies queued by the photo queue itself (media it listed after the records phase). */
    public void photosQueued(UUID providerId, long n) {
        counter("mls_photos_queued", providerId, "mode", "listed-later").increment(n);
    }

    public void backlog(long n) {
        backlog.set(n);
    }

    /** Lag = now - watermark, as a gauge per provider. */
    public void watermark(UUID providerId, Instant watermark) {
        watermarks.computeIfAbsent(providerId, id -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("mls_sync_lag_seconds", holder,
                            h -> h.get() == 0 ? 0 : (System.currentTimeMillis() - h.get()) / 1000.0)
                    .tag("provider", id.toString()).description("seconds between now and the provider's watermark")
                    .register(registry);
            return holder;
        }).set(watermark.toEpochMilli());
    }

    private Counter counter(String name, UUID provider, String tag, String value) {
        return Counter.builder(name).tag("provider", provider.toString()).tag(tag, value).register(registry);
    }
}

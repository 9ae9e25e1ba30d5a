package com.keystone.crm.tools.mlssimulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests answered, by endpoint and HTTP status, and the busiest wall-clock second: what "the client never
 * hammered the MLS" assertions and benchmarks read. Endpoints: rets/login, rets/logout, rets/getmetadata,
 * rets/search, rets/getobject, reso/service, reso/metadata, reso/Property, reso/Media, oauth2/token, media, other.
 */
public final class RequestStats {

    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    // the busiest second so far, kept as two numbers (not a map of every second: a process may run for days)
    private long second = -1;
    private long inSecond;
    private long peak;

    void record(String endpoint, int status) {
        counts.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
        tick(System.currentTimeMillis() / 1000);
    }

    private synchronized void tick(long now) {
        if (now != second) {
            second = now;
            inSecond = 0;
        }
        inSecond++;
        peak = Math.max(peak, inSecond);
    }

    public long count(String endpoint) {
        Map<Integer, LongAdder> byStatus = counts.get(endpoint);
        return byStatus == null ? 0 : byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long count(String endpoint, int status) {
        Map<Integer, LongAdder> byStatus = counts.get(endpoint);
        LongAdder n = byStatus == null ? null : byStatus.get(status);
        return n == null ? 0 : n.sum();
    }

    /** Requests answered with this status, on any endpoint. */
    public long countStatus(int status) {
        return counts.values().stream().map(m -> m.get(status)).filter(java.util.Objects::nonNull)
                .mapToLong(LongAdder::sum).sum();
    }

    public long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    /** The most requests answered within one wall-clock second. */
    public synchronized long peakPerSecond() {
        return peak;
    }

    /** endpoint → status → count, sorted. */
    public Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        counts.forEach((endpoint, byStatus) -> {
            Map<Integer, Long> inner = new TreeMap<>();
            byStatus.forEach((status, n) -> inner.put(status, n.sum()));
            copy.put(endpoint, inner);
        });
        return copy;
    }

    public void reset() {
        counts.clear();
        synchronized (this) {
            second = -1;
            inSecond = 0;
            peak = 0;
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}

package com.keystone.crm.property.client;

import java.time.Instant;

/**
 * What a provider's request budget has seen: requests made, throttling met, the quota the server last reported
 * (null when unknown), the circuit breaker's state (CLOSED, OPEN, HALF_OPEN) and the RETS rows skipped because they
 * had the wrong number of columns (0 for RESO), and the RETS rows whose bytes were not valid in the body's charset
 * and were decoded with the fallback charset (windows-1252).
 */
public record ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                            Integer quotaLimit, Instant quotaResetsAt, String breakerState, long skippedRows,
                            long repairedRows) {

    public ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                         Integer quotaLimit, Instant quotaResetsAt, String breakerState, long skippedRows) {
        this(requests, mediaRequests, throttledResponses, quotaRemaining, quotaLimit, quotaResetsAt, breakerState, skippedRows, 0);
    }

    /** The original shape, for callers written before skippedRows was added. */
    public ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                         Integer quotaLimit, Instant quotaResetsAt, String breakerState) {
        this(requests, mediaRequests, throttledResponses, quotaRemaining, quotaLimit, quotaResetsAt, breakerState, 0);
    }
}

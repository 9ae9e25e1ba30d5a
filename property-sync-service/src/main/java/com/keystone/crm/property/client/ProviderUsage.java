package com.keystone.crm.property.client;

import java.time.Instant;

/**
 * What a provider's request budget has seen: requests made, throttling met, the quota the server last reported
 * (null when unknown), the circuit breaker's state (CLOSED, OPEN, HALF_OPEN) and the RETS rows skipped because they
 * had the wrong number of columns (0 for RESO).
 */
public record ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                            Integer quotaLimit, Instant quotaResetsAt, String breakerState, long skippedRows) {

    /** The original shape, for callers written before skippedRows was added. */
    public ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                         Integer quotaLimit, Instant quotaResetsAt, String breakerState) {
        this(requests, mediaRequests, throttledResponses, quotaRemaining, quotaLimit, quotaResetsAt, breakerState, 0);
    }
}

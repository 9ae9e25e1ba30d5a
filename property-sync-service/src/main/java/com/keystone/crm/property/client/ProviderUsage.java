package com.keystone.crm.property.client;

import java.time.Instant;

/**
 * What a provider's request budget has seen: requests made, throttling met, the quota the server last reported
 * (null when unknown) and the circuit breaker's state (CLOSED, OPEN, HALF_OPEN).
 */
public record ProviderUsage(long requests, long mediaRequests, long throttledResponses, Integer quotaRemaining,
                            Integer quotaLimit, Instant quotaResetsAt, String breakerState) {
}

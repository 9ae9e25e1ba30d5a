package com.keystone.crm.property.client.http;

import com.keystone.crm.property.client.ProviderSettings;
import java.time.Duration;

/**
 * How hard the shared HTTP layer tries: budget, retries with exponential backoff and jitter for 5xx and I/O
 * failures, how many 429s in a row it waits out, and when the circuit breaker opens.
 *
 * @param maxRetries       retries after a 5xx, timeout or connection failure
 * @param maxThrottleWaits 429s waited out (each for at least its Retry-After) before giving up with RATE_LIMITED
 * @param defaultRetryAfter wait after a 429 without a usable Retry-After
 * @param breakerFailures  consecutive failed attempts that open the breaker
 * @param breakerDelay     how long the breaker stays open before a trial request
 */
public record HttpPolicy(double requestsPerSecond, int mediaPerHour, Duration requestTimeout, int maxRetries,
                         Duration backoffBase, Duration backoffMax, double jitterFactor, int maxThrottleWaits,
                         Duration defaultRetryAfter, int breakerFailures, Duration breakerDelay) {

    public static HttpPolicy from(ProviderSettings settings) {
        Duration timeout = settings.requestTimeout() != null ? settings.requestTimeout() : Duration.ofSeconds(60);
        return new HttpPolicy(settings.requestsPerSecond(), settings.mediaPerHour(), timeout, 4, Duration.ofMillis(500),
                Duration.ofSeconds(30), 0.25, 6, Duration.ofSeconds(5), 8, Duration.ofSeconds(30));
    }

    public HttpPolicy withBackoff(Duration base, Duration max) {
        return new HttpPolicy(requestsPerSecond, mediaPerHour, requestTimeout, maxRetries, base, max, jitterFactor,
                maxThrottleWaits, defaultRetryAfter, breakerFailures, breakerDelay);
    }

    public HttpPolicy withBreaker(int failures, Duration delay) {
        return new HttpPolicy(requestsPerSecond, mediaPerHour, requestTimeout, maxRetries, backoffBase, backoffMax,
                jitterFactor, maxThrottleWaits, defaultRetryAfter, failures, delay);
    }

    public HttpPolicy withRetries(int retries) {
        return new HttpPolicy(requestsPerSecond, mediaPerHour, requestTimeout, retries, backoffBase, backoffMax,
                jitterFactor, maxThrottleWaits, defaultRetryAfter, breakerFailures, breakerDelay);
    }
}

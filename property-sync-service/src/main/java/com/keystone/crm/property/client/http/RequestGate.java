package com.keystone.crm.property.client.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Decides when the next request to one provider may leave: the configured requests-per-second and media-per-hour
 * token buckets (Bucket4j), a pause after a 429 (no request at all before Retry-After has passed) and a pause while
 * the server reports its quota exhausted. Shared by every thread using the provider.
 */
public final class RequestGate {

    /** Never wait longer than this for a server-reported quota reset; a longer one is the breaker's business. */
    static final Duration MAX_QUOTA_WAIT = Duration.ofHours(1);

    private final Waiter waiter;
    private final Bucket requests;
    private final Bucket media;
    private Instant pausedUntil = Instant.EPOCH;

    private final double requestsPerSecond;
    private final int mediaPerHour;

    public RequestGate(double requestsPerSecond, int mediaPerHour, Waiter waiter) {
        this.waiter = waiter;
        this.requestsPerSecond = requestsPerSecond;
        this.mediaPerHour = mediaPerHour;
        TimeMeter meter = new WaiterTimeMeter(waiter);
        this.requests = requestsPerSecond > 0 ? perSecond(requestsPerSecond, meter) : null;
        this.media = mediaPerHour > 0
                ? Bucket.builder().withCustomTimePrecision(meter)
                        .addLimit(Bandwidth.builder().capacity(mediaPerHour).refillGreedy(mediaPerHour, Duration.ofHours(1)).build())
                        .build()
                : null;
    }

    /** Does this gate apply these limits? */
    public boolean hasLimits(double rps, int mediaQuota) {
        return Double.compare(rps, requestsPerSecond) == 0 && mediaQuota == mediaPerHour;
    }

    /** A gate with other limits that keeps this one's pause (a provider's settings changed while it was throttled). */
    public RequestGate withLimits(double rps, int mediaQuota) {
        RequestGate next = new RequestGate(rps, mediaQuota, waiter);
        next.pauseUntil(pausedUntil());
        return next;
    }

    /** Blocks until a request (a media download when {@code mediaRequest}) may be sent. */
    public void acquire(boolean mediaRequest) {
        awaitPause();
        if (mediaRequest && media != null) {
            take(media);
            awaitPause();
        }
        if (requests != null) {
            take(requests);
        }
    }

    /** No request before {@code until} (a 429's Retry-After, an exhausted quota); never shortens an earlier pause. */
    public synchronized void pauseUntil(Instant until) {
        Instant capped = until.isAfter(waiter.now().plus(MAX_QUOTA_WAIT)) ? waiter.now().plus(MAX_QUOTA_WAIT) : until;
        if (capped.isAfter(pausedUntil)) {
            pausedUntil = capped;
        }
    }

    public synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    private void awaitPause() {
        while (true) {
            Duration wait = Duration.between(waiter.now(), pausedUntil());
            if (wait.isNegative() || wait.isZero()) {
                return;
            }
            waiter.sleep(wait);
        }
    }

    private void take(Bucket bucket) {
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            waiter.sleep(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
        }
    }

    private static Bucket perSecond(double rps, TimeMeter meter) {
        // one token, refilled every 1/rps s: requests leave evenly spaced, so no sliding one-second window the server
        // counts ever sees more than rps + 1 of them (a bigger bucket would allow bursts of capacity + rps)
        long periodNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / rps));
        return Bucket.builder().withCustomTimePrecision(meter)
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(periodNanos)).build())
                .build();
    }

    /** Bucket4j reads time from the same source the gate sleeps on. */
    private record WaiterTimeMeter(Waiter waiter) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = waiter.now();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}

package com.keystone.crm.gateway.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.keystone.crm.gateway.config.RateConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Token buckets (Bucket4j) per client address and per user for proxied requests. */
@ApplicationScoped
public class EdgeRateLimiter {
    private final RateConfig config;
    private final Cache<String, Bucket> byIp = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(5)).build();
    private final Cache<String, Bucket> byUser = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(5)).build();

    public EdgeRateLimiter(RateConfig config) {
        this.config = config;
    }

    /** Zero when the request may pass, else how long to wait. */
    public Duration forIp(String ip) {
        return take(byIp.get(ip, k -> perMinute(config.perIpPerMinute())));
    }

    public Duration forUser(String userId) {
        return take(byUser.get(userId, k -> perMinute(config.perUserPerMinute())));
    }

    private static Bucket perMinute(int n) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1)).build()).build();
    }

    private static Duration take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}

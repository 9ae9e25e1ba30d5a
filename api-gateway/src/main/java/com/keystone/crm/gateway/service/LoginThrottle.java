package com.keystone.crm.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.keystone.crm.gateway.config.LoginConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;

/**
 * Token buckets (Bucket4j) against password guessing: each failed login of an e-mail takes a token from that
 * e-mail's bucket (max-failures per lockout period), and every attempt from an address takes one from the address's.
 * Keyed by the e-mail as typed, so an unknown e-mail locks exactly like a known one: the answers never tell
 * whether an account exists.
 */
@ApplicationScoped
public class LoginThrottle {
    private final LoginConfig config;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    public LoginThrottle(LoginConfig config) {
        this.config = config;
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(config.lockout().multipliedBy(2)).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** Takes an attempt from the address's bucket; the wait when there is none left, else zero. */
    public Duration attemptFrom(String ip) {
        return waitOf(addresses.get(ip, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.attemptsPerIpPerMinute())
                        .refillGreedy(config.attemptsPerIpPerMinute(), Duration.ofMinutes(1)).build())
                .build()).tryConsumeAndReturnRemaining(1));
    }

    /** The remaining lockout of an e-mail that used up its failures, else zero. Takes nothing. */
    public Duration lockedFor(String email) {
        Bucket b = accounts.getIfPresent(key(email));
        if (b == null) {
            return Duration.ZERO;
        }
        return b.getAvailableTokens() > 0 ? Duration.ZERO : waitOf(b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    public void failed(String email) {
        accountBucket(email).tryConsume(1);
    }

    public void succeeded(String email) {
        accounts.invalidate(key(email));
    }

    private Bucket accountBucket(String email) {
        // the whole allowance comes back only once the lockout period has passed since the bucket emptied
        return accounts.get(key(email), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.maxFailures())
                        .refillIntervally(config.maxFailures(), config.lockout()).build())
                .build());
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Duration waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? Duration.ZERO : waitOf(probe.getNanosToWaitForRefill());
    }

    private static Duration waitOf(long nanos) {
        return Duration.ofNanos(Math.max(nanos, 1_000_000_000L));
    }
}

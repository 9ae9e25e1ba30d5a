package com.keystone.crm.property.client.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * Reads the quota and back-off headers providers send: Trestle style ({@code Minute-Quota-Limit},
 * {@code Minute-Quota-Remaining}/{@code -Available}, {@code Hour-Quota-*}, {@code Hour-Quota-ResetTime}), the common
 * {@code X-RateLimit-Limit/Remaining/Reset}, and {@code Retry-After} (seconds or an HTTP date).
 */
public final class QuotaHeaders {

    private static final String[] WINDOWS = {"Minute", "Hour", "Day"};

    private QuotaHeaders() {
    }

    /** The tightest window's figures, or empty when the response carries no quota header. */
    public static Optional<QuotaReport> parse(Function<String, String> header, Instant now) {
        QuotaReport tightest = null;
        for (String window : WINDOWS) {
            Integer limit = integer(header.apply(window + "-Quota-Limit"));
            Integer remaining = integer(first(header.apply(window + "-Quota-Remaining"), header.apply(window + "-Quota-Available")));
            Instant reset = instant(header.apply(window + "-Quota-ResetTime"), now);
            tightest = tighter(tightest, limit, remaining, reset);
        }
        tightest = tighter(tightest, integer(header.apply("X-RateLimit-Limit")), integer(header.apply("X-RateLimit-Remaining")),
                instant(header.apply("X-RateLimit-Reset"), now));
        return Optional.ofNullable(tightest);
    }

    /** How long Retry-After asks us to wait; empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            Instant at = DateUtils.parseStandardDate(v);
            return at == null ? Optional.empty() : Optional.of(Duration.between(now, at).isNegative() ? Duration.ZERO : Duration.between(now, at));
        }
    }

    private static QuotaReport tighter(QuotaReport current, Integer limit, Integer remaining, Instant reset) {
        if (limit == null && remaining == null) {
            return current;
        }
        QuotaReport candidate = new QuotaReport(remaining, limit, reset);
        if (current == null || current.remaining() == null) {
            return candidate;
        }
        return remaining != null && remaining < current.remaining() ? candidate : current;
    }

    /**
     * A reset time as servers write it: seconds until reset (small numbers), epoch seconds, epoch milliseconds, an
     * ISO-8601 instant or an HTTP date.
     */
    static Instant instant(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long n = Long.parseLong(v);
            if (n < 1_000_000_000L) {
                return now.plusSeconds(n);
            }
            return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        } catch (NumberFormatException notNumber) {
            try {
                return Instant.parse(v);
            } catch (RuntimeException notIso) {
                return DateUtils.parseStandardDate(v);
            }
        }
    }

    private static Integer integer(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}

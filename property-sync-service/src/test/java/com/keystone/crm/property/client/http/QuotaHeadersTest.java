package com.keystone.crm.property.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaHeadersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void trestleStyleReportsTheTightestWindow() {
        Map<String, String> h = Map.of("Minute-Quota-Limit", "180", "Minute-Quota-Remaining", "170",
                "Hour-Quota-Limit", "7200", "Hour-Quota-Available", "12", "Hour-Quota-ResetTime", "1772370000000");
        QuotaReport q = QuotaHeaders.parse(h::get, NOW).orElseThrow();
        assertThat(q.remaining()).isEqualTo(12);
        assertThat(q.limit()).isEqualTo(7200);
        assertThat(q.resetsAt()).isEqualTo(Instant.ofEpochMilli(1772370000000L));
        assertThat(q.exhausted()).isFalse();
    }

    @Test
    void xRateLimitWithResetAsDeltaEpochSecondsOrDates() {
        assertThat(QuotaHeaders.parse(Map.of("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "30")::get, NOW)
                .orElseThrow()).isEqualTo(new QuotaReport(0, 100, NOW.plusSeconds(30)));
        assertThat(QuotaHeaders.instant("1772366400", NOW)).isEqualTo(Instant.ofEpochSecond(1772366400L));
        assertThat(QuotaHeaders.instant("2026-03-01T13:00:00Z", NOW)).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(QuotaHeaders.instant("Sun, 01 Mar 2026 13:00:00 GMT", NOW)).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
        assertThat(QuotaHeaders.instant(" ", NOW)).isNull();
        assertThat(QuotaHeaders.parse(Map.<String, String>of()::get, NOW)).isEmpty();
        assertThat(QuotaHeaders.parse(Map.of("X-RateLimit-Limit", "lots")::get, NOW)).isEmpty();
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(QuotaHeaders.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(QuotaHeaders.retryAfter("Sun, 01 Mar 2026 12:00:42 GMT", NOW)).contains(Duration.ofSeconds(42));
        assertThat(QuotaHeaders.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(QuotaHeaders.retryAfter("soon", NOW)).isEmpty();
        assertThat(QuotaHeaders.retryAfter(null, NOW)).isEmpty();
    }
}

package com.keystone.crm.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway benchmark (tools/bench/api-gateway/run.sh): login latency (Argon2id dominates) and the latency a
 * proxied request adds, at a constant arrival rate (latency counted from each request's planned start, so a stall
 * shows instead of hiding), through the gateway versus straight to the same upstream.
 * <p>Not part of the test run (its name does not end in Test). System properties: {@code bench.rate} (requests per
 * second, default 200), {@code bench.seconds} (default 20), {@code bench.logins} (default 40), {@code bench.out}.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(GatewayBench.NoRateLimits.class)
class GatewayBench {
    public static class NoRateLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.rate.per-user-per-minute", "100000000", "crm.rate.per-ip-per-minute", "100000000",
                    "crm.login.attempts-per-ip-per-minute", "100000", "crm.gateway.timeout", "PT10S");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void measure() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int logins = Integer.getInteger("bench.logins", 40);
        String gateway = "http://localhost:" + RestAssured.port;
        String upstream = "http://localhost:" + FakeUpstream.get().port();

        long[] login = new long[logins];
        String body = "{\"email\":\"" + GatewayTestResource.ADMIN_EMAIL + "\",\"password\":\"" + GatewayTestResource.ADMIN_PASSWORD + "\"}";
        String token = null;
        for (int i = 0; i < logins; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            login[i] = System.nanoTime() - t;
            assertThat(r.statusCode()).isEqualTo(200);
            token = r.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        }

        // warm-up of both paths, then the measured runs
        constantRate(upstream + "/api/v1/echo/bench", null, rate, 3);
        constantRate(gateway + "/api/v1/echo/bench", token, rate, 3);
        long[] direct = constantRate(upstream + "/api/v1/echo/bench", null, rate, seconds);
        long[] proxied = constantRate(gateway + "/api/v1/echo/bench", token, rate, seconds);

        StringBuilder table = new StringBuilder();
        table.append("| what | requests | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
        row(table, "login (Argon2id verify + token + refresh row), sequential", login);
        row(table, "GET straight to the upstream, " + rate + "/s", direct);
        row(table, "GET through the gateway (token check, limits, breaker, forward), " + rate + "/s", proxied);
        Path out = Path.of(System.getProperty("bench.out", "target/api-gateway-bench.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
    }

    /** Sends at a fixed rate for the duration; answers each request's latency from its planned start, in ns. */
    private long[] constantRate(String url, String token, int rate, int seconds) throws IOException {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        List<CompletableFuture<Long>> pending = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            pending.add(http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
                return System.nanoTime() - planned;
            }));
        }
        return pending.stream().mapToLong(CompletableFuture::join).toArray();
    }

    private static void row(StringBuilder b, String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n", what, s.length, ms(pct(s, 50)), ms(pct(s, 90)),
                ms(pct(s, 99)), ms(s[s.length - 1])));
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}

package com.keystone.crm.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaker load test (tools/bench/gateway-breaker/run.sh, issue #17): one misbehaving user sends bad requests as
 * fast as a constant arrival rate allows while another user works normally against the same service, through the
 * gateway. Before the fix five 500s opened the service's breaker for everyone; now alice's answers must stay 200.
 * Two upstreams: the test's stand-in answering 500 to mallory's path (a request-caused 500), and the real lead-service
 * (mallory's {@code ?tag=%00}, the probe of the issue). Records alice's statuses and latency with and without mallory.
 * <p>Not part of the test run (its name does not end in Test). {@code bench.rate} (requests/s per user, default 50),
 * {@code bench.seconds} (default 20), {@code bench.out}.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(BreakerBench.NoRateLimits.class)
class BreakerBench {
    public static class NoRateLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the production breaker settings (5 failures, 10 s open), rate limits out of the way
            return Map.of("crm.rate.per-user-per-minute", "100000000", "crm.rate.per-ip-per-minute", "100000000",
                    "crm.gateway.breaker.max-failures", "5", "crm.gateway.breaker.reset-timeout", "PT10S",
                    "crm.gateway.timeout", "PT10S");
        }
    }

    static ServiceProcesses services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stop() throws InterruptedException {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void oneUsersBadRequestsNeverDegradeAnother() throws Exception {
        int rate = Integer.getInteger("bench.rate", 50);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String gateway = "http://localhost:" + RestAssured.port;
        services = ServiceProcesses.startAll(RestAssured.port);
        String admin = Logins.adminToken();
        String aliceEmail = Logins.uniqueEmail("alice");
        String malloryEmail = Logins.uniqueEmail("mallory");
        Logins.createUser(admin, aliceEmail, null, "agent");
        Logins.createUser(admin, malloryEmail, null, "agent");
        String alice = Logins.login(aliceEmail, Logins.PASSWORD).getString("accessToken");
        String mallory = Logins.login(malloryEmail, Logins.PASSWORD).getString("accessToken");

        StringBuilder table = new StringBuilder("| upstream | scenario | alice's requests | alice 200 | alice other statuses | alice p50 | alice p99 | mallory's requests | mallory statuses |\n"
                + "|---|---|---:|---:|---|---:|---:|---:|---|\n");
        String[][] upstreams = {
                {"stand-in (answers mallory 500)", gateway + "/api/v1/touchy/things", gateway + "/api/v1/touchy/status/500"},
                {"lead-service (real)", gateway + "/api/v1/leads", gateway + "/api/v1/leads?tag=%00"}};
        for (String[] u : upstreams) {
            // warm-up, then alice alone, then alice while mallory misbehaves
            run(u[1], alice, rate, 2, null, null, 0);
            Result alone = run(u[1], alice, rate, seconds, null, null, 0);
            Result attacked = run(u[1], alice, rate, seconds, u[2], mallory, rate);
            row(table, u[0], "alice alone", alone);
            row(table, u[0], "alice while mallory sends bad requests at " + rate + "/s", attacked);
            assertThat(attacked.aliceStatuses()).as("alice's answers under attack, %s", u[0]).containsOnlyKeys(200);
        }
        Path out = Path.of(System.getProperty("bench.out", "target/gateway-breaker-bench.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString());
    }

    record Result(long[] aliceLatency, Map<Integer, Integer> aliceStatuses, int malloryRequests, Map<Integer, Integer> malloryStatuses) {
    }

    /** Alice at a constant arrival rate; mallory (if any) interleaved at his own rate. Latency from the planned start. */
    private Result run(String aliceUrl, String aliceToken, int rate, int seconds, String malloryUrl, String malloryToken, int malloryRate) {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        List<CompletableFuture<Long>> alice = new ArrayList<>(n);
        Map<Integer, Integer> aliceStatuses = new ConcurrentHashMap<>();
        Map<Integer, Integer> malloryStatuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> mallory = new ArrayList<>();
        AtomicInteger malloryCount = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            alice.add(http.sendAsync(get(aliceUrl, aliceToken), HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                aliceStatuses.merge(r.statusCode(), 1, Integer::sum);
                return System.nanoTime() - planned;
            }));
            if (malloryUrl != null && malloryRate > 0) {
                malloryCount.incrementAndGet();
                mallory.add(http.sendAsync(get(malloryUrl, malloryToken), HttpResponse.BodyHandlers.discarding())
                        .thenAccept(r -> malloryStatuses.merge(r.statusCode(), 1, Integer::sum)));
            }
        }
        long[] latency = alice.stream().mapToLong(CompletableFuture::join).toArray();
        mallory.forEach(CompletableFuture::join);
        return new Result(latency, new TreeMap<>(aliceStatuses), malloryCount.get(), new TreeMap<>(malloryStatuses));
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build();
    }

    private static void row(StringBuilder b, String upstream, String scenario, Result r) {
        long[] s = r.aliceLatency().clone();
        Arrays.sort(s);
        Map<Integer, Integer> other = new TreeMap<>(r.aliceStatuses());
        int ok = other.getOrDefault(200, 0);
        other.remove(200);
        b.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %.2f ms | %.2f ms | %,d | %s |%n", upstream, scenario, s.length, ok,
                other.isEmpty() ? "none" : other.toString(), pct(s, 50) / 1e6, pct(s, 99) / 1e6, r.malloryRequests(),
                r.malloryStatuses().isEmpty() ? "-" : r.malloryStatuses().toString()));
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}

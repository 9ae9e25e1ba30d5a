package com.keystone.crm.scoring.score.rest;

import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/scores/{id} at a constant arrival rate straight to the service (tools/bench/scoring/run.sh; named
 * *Bench, so the normal test run skips it): a model trained through the API (test-profile model sizes) explains each
 * lead on every request. Latency counts from each request's planned start (no coordinated omission). The gateway's
 * own cost at this rate is measured by tools/bench/api-gateway.
 */
@QuarkusTest
@WithTestResource(ScoringServiceTestResource.class)
class ScoreApiBench {
    static final String TENANT = "bench-realty";

    @TestHTTPResource("/api/v1/scores/")
    URI scores;

    @Test
    void scoresAtAConstantRate() throws Exception {
        String admin = LeadFixtures.admin(TENANT);
        EndToEndScoringTestSupport.train(admin, LeadFixtures.history(1400, 41), "succeeded");
        List<UUID> leads = new ArrayList<>();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 200; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            LeadFixtures.created(TENANT, lead, "agent-b", t0, i % 3 == 0 ? "referral" : "website", "0-3-months");
            LeadFixtures.replied(TENANT, lead, t0.plus(Duration.ofMinutes(20)));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> DB.count("SELECT count(*) FROM lead_state WHERE tenant_id = ?", TENANT) == 200);
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // warm-up: every lead once
        for (UUID lead : leads) {
            http.send(request(lead, admin), HttpResponse.BodyHandlers.discarding());
        }
        int n = rate * seconds;
        long[] latency = new long[n];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(n);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000;
        long interval = 1_000_000_000L / rate;
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                allSent.complete(null);
                return;
            }
            long planned = start + i * interval;
            pending.add(http.sendAsync(request(leads.get(i % leads.size()), admin), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        latency[i] = System.nanoTime() - planned;
                        if (e != null || r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }));
        }, start - System.nanoTime(), interval, TimeUnit.NANOSECONDS);
        allSent.get(seconds + 60L, TimeUnit.SECONDS);
        pacer.shutdownNow();
        synchronized (pending) {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(60, TimeUnit.SECONDS);
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        String line = String.format(Locale.ROOT, "| GET /api/v1/scores/{id} straight to the service (model + TreeSHAP "
                        + "explanation, feature fold from PostgreSQL), %d/s for %d s | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d |%n",
                rate, seconds, n, sorted[n / 2] / 1e6, sorted[(int) (n * 0.9)] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                sorted[n - 1] / 1e6, failures.get());
        String table = "\n## GET /api/v1/scores/{id} at a constant rate\n\n"
                + "| what | requests | p50 | p90 | p99 | max | failures |\n|---|---:|---:|---:|---:|---:|---:|\n" + line;
        write(table);
    }

    private HttpRequest request(UUID lead, String token) {
        return HttpRequest.newBuilder(scores.resolve(lead.toString())).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static void write(String table) throws IOException {
        Path file = Path.of(System.getProperty("bench.api.out", "target/scoring-api-bench.md"));
        Files.writeString(file, table, StandardCharsets.UTF_8);
    }
}

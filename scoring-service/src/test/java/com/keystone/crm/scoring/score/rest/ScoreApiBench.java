package com.keystone.crm.scoring.score.rest;

import com.keystone.crm.platform.testkit.CrmTestEnvironment;
import com.keystone.crm.platform.testkit.ServiceJarProcess;
import com.keystone.crm.scoring.EndToEndScoringTestSupport;
import com.keystone.crm.scoring.LeadFixtures;
import com.keystone.crm.scoring.ScoringServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static com.keystone.crm.scoring.LeadFixtures.DB;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/scores/{id} at a constant arrival rate (tools/bench/scoring/run.sh; named *Bench, so the normal test
 * run skips it), through the real api-gateway (its packaged jar as a child process, routing to this service, the
 * JVM's own JIT and collector as a deployed image runs) and, for the split of the time, straight to the service. The
 * service verifies the gateway's RS256 tokens against its JWKS, as deployed; the token is a real login of the
 * tenant's admin, whom the gateway creates at start. The model a training run through the API chose (test-profile
 * model sizes; its version is in the table) explains each lead on every request. Latency counts from each request's planned start (no coordinated omission).
 * <p>System properties: {@code bench.rate} (default 100/s), {@code bench.seconds} (default 30 per path),
 * {@code bench.api.out}. Needs {@code api-gateway/target/quarkus-app} (run.sh packages it).
 */
@QuarkusTest
@WithTestResource(ScoreApiBench.BehindTheGateway.class)
class ScoreApiBench {
    static final String TENANT = "bench-realty";
    static final String ADMIN_EMAIL = "admin@bench-realty.test";
    static final String ADMIN_PASSWORD = "bench-admin-passphrase";

    /** The gateway's ports are taken when it is described, so the service can be told its JWKS before either boots. */
    public static class BehindTheGateway extends ScoringServiceTestResource {
        static final ServiceJarProcess GATEWAY = ServiceJarProcess.of("api-gateway", "score-bench", gatewayConfig(), "512m")
                .jvmOptions();

        @Override
        protected Map<String, String> extraConfig(CrmTestEnvironment env) {
            return Map.of("mp.jwt.verify.publickey.location", jwks());
        }

        static String jwks() {
            return GATEWAY.baseUrl() + "/.well-known/jwks.json";
        }

        private static Map<String, String> gatewayConfig() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("crm.bootstrap.tenant-id", TENANT);
            c.put("crm.bootstrap.tenant-name", "Bench Realty");
            c.put("crm.bootstrap.admin-email", ADMIN_EMAIL);
            c.put("crm.bootstrap.admin-password", ADMIN_PASSWORD);
            // one user at 100/s is 6,000 requests a minute: above any per-user limit a tenant would be given
            c.put("crm.rate.per-user-per-minute", "100000000");
            c.put("crm.rate.per-ip-per-minute", "100000000");
            return c;
        }
    }

    @TestHTTPResource("/")
    URI service;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stopGateway() {
        BehindTheGateway.GATEWAY.close();
    }

    @Test
    void scoresAtAConstantRate() throws Exception {
        ServiceJarProcess gateway = BehindTheGateway.GATEWAY;
        gateway.set("mp.jwt.verify.publickey.location", BehindTheGateway.jwks())
                .set("crm.gateway.services.scoring-service.url", service.toString().replaceAll("/$", ""))
                .start("run");
        String admin = login(gateway.baseUrl());
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
        String token = login(gateway.baseUrl()); // a fresh one: the gateway's tokens last 5 minutes
        URI direct = service.resolve("/api/v1/scores/");
        URI proxied = URI.create(gateway.baseUrl() + "/api/v1/scores/");
        String model = http.send(request(direct, leads.get(0), token), HttpResponse.BodyHandlers.ofString()).body()
                .replaceAll("(?s).*\"modelVersion\":\"([^\"]+)\".*", "$1");
        // warm-up: every lead once each way, then both JITs at the rate for a while
        for (UUID lead : leads) {
            http.send(request(direct, lead, token), HttpResponse.BodyHandlers.discarding());
            http.send(request(proxied, lead, token), HttpResponse.BodyHandlers.discarding());
        }
        constantRate(proxied, leads, token, rate, 10);
        Run straight = constantRate(direct, leads, token, rate, seconds);
        Run through = constantRate(proxied, leads, token, rate, seconds);
        // where the time goes: the same two paths to one of the service's cheapest reads (the tenant's policy, one
        // row), so the gateway's share and the score's own share can be told apart
        Run policyStraight = constantRate(service.resolve("/api/v1/scoring-policy"), List.of(), token, rate, seconds);
        Run policyThrough = constantRate(URI.create(gateway.baseUrl() + "/api/v1/scoring-policy"), List.of(), token, rate, seconds);

        String table = "\n## GET /api/v1/scores/{id} at a constant rate\n\n"
                + "| what | requests | p50 | p90 | p99 | max | failures |\n|---|---:|---:|---:|---:|---:|---:|\n"
                + straight.row("GET /api/v1/scores/{id} straight to the service (model " + model
                + " + every contribution, feature fold from PostgreSQL), " + rate + "/s for " + seconds + " s")
                + through.row("GET /api/v1/scores/{id} through the api-gateway (RS256 token of a real login, limits, "
                + "breaker, forward), " + rate + "/s for " + seconds + " s")
                + policyStraight.row("GET /api/v1/scoring-policy (one row) straight to the service, " + rate + "/s")
                + policyThrough.row("GET /api/v1/scoring-policy through the api-gateway, " + rate + "/s");
        write(table);
    }

    /** The tenant admin's access token from the gateway's /auth/login. */
    private String login(String gateway) throws IOException, InterruptedException {
        String body = "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    /**
     * Sends at a fixed rate for the duration, to each lead in turn (or to base itself when there are none); each
     * latency from the request's planned start, in ns.
     */
    private Run constantRate(URI base, List<UUID> leads, String token, int rate, int seconds) {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Long>> pending = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            URI uri = leads.isEmpty() ? base : base.resolve(leads.get(i % leads.size()).toString());
            pending.add(http.sendAsync(request(uri, token), HttpResponse.BodyHandlers.discarding())
                    .handle((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        return System.nanoTime() - planned;
                    }));
        }
        return new Run(pending.stream().mapToLong(CompletableFuture::join).toArray(), failures.get());
    }

    private static HttpRequest request(URI base, UUID lead, String token) {
        return request(base.resolve(lead.toString()), token);
    }

    private static HttpRequest request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private record Run(long[] nanos, int failures) {
        String row(String what) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            int n = s.length;
            return String.format(Locale.ROOT, "| %s | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d |%n",
                    what, n, s[n / 2] / 1e6, s[(int) (n * 0.9)] / 1e6, s[(int) (n * 0.99)] / 1e6, s[n - 1] / 1e6, failures);
        }
    }

    private static void write(String table) throws IOException {
        Path file = Path.of(System.getProperty("bench.api.out", "target/scoring-api-bench.md"));
        Files.writeString(file, table, StandardCharsets.UTF_8);
    }
}

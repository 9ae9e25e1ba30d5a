package com.keystone.crm.lead.importing.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lead import benchmark (tools/bench/lead-import): generates CSV files on disk, uploads them through the real
 * REST path to lead-service running on the testkit's PostgreSQL, Kafka and CDC relay, and measures the worker's
 * rows per second and the JVM heap while it runs: the peak heap in use and the live heap after garbage collection,
 * sampled at each quarter of the import. A flat live heap from the small to the large file is the claim: nothing
 * grows with the number of rows.
 *
 * <p>Not part of the test run (its name does not end in Test): {@code tools/bench/lead-import/run.sh} runs it.
 * System properties: {@code bench.rows} (comma-separated sizes, default 10000,100000), {@code bench.out}.
 */
@QuarkusTest
@TestProfile(LeadImportBenchProfile.class)
@WithTestResource(LeadServiceTestResource.class)
class LeadImportBench {
    static final String TENANT = "import-bench-realty";
    static final String ADMIN = "import-bench-admin";
    static final String MAPPING = """
            {"columns": {"First": "firstName", "Last": "lastName", "Email": "email", "Phone": "phone", "Stage": "status",
                         "Created": "createdAt", "Source": "source", "Type": "type", "City": "city", "Zip": "postalCode",
                         "Budget": "budgetMax", "Tags": "tags"},
             "values": {"status": {"Won": "closed-won", "Dead": "lost"}}, "dateFormat": "MM/dd/yyyy",
             "timeZone": "America/Denver"}""";

    /** The management interface's /q/metrics (not on the public port since issue #17). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metricsUrl;

    @Test
    void importThroughput() throws Exception {
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
        List<String> report = new ArrayList<>();
        report.add("| rows in file | file size | upload | import (worker) | rows/s | created | merged | failed | peak heap used | live heap after GC at 25% / 50% / 75% / 100% | max heap | outbox backlog max | oldest unrelayed max | relay lag max |");
        report.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        int run = 0;
        for (String size : System.getProperty("bench.rows", "10000,100000").split(",")) {
            report.add(measure(Integer.parseInt(size.trim()), run++));
        }
        String table = String.join("\n", report) + "\n";
        System.out.println(table);
        Path out = Path.of(System.getProperty("bench.out", "target/lead-import-bench.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }

    private String measure(int rows, int run) throws IOException {
        Path file = Files.createTempFile("lead-import-bench", ".csv");
        try {
            generate(file, rows, run);
            String token = TestTokens.token(TENANT, ADMIN, null, "admin");
            System.gc();
            Heap heap = new Heap();
            long uploadStart = System.nanoTime();
            String jobId = given().auth().oauth2(token)
                    .multiPart("file", file.toFile(), "text/csv")
                    .multiPart("mapping", MAPPING, "application/json")
                    .post("/api/v1/lead-imports").then().statusCode(202).extract().path("id");
            long uploadMillis = (System.nanoTime() - uploadStart) / 1_000_000;
            List<String> liveAtQuarters = new ArrayList<>();
            int[] nextQuarter = {1};
            JsonPath[] job = new JsonPath[1];
            heap.start();
            OutboxGauges outbox = new OutboxGauges(metricsUrl);
            await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                job[0] = given().auth().oauth2(token).get("/api/v1/lead-imports/" + jobId).then().extract().jsonPath();
                outbox.sample();
                Integer total = job[0].get("totalRows");
                int processed = job[0].getInt("processedRows");
                while (total != null && total > 0 && nextQuarter[0] <= 4 && processed * 4L >= (long) total * nextQuarter[0]) {
                    liveAtQuarters.add(mb(heap.liveAfterGc()));
                    nextQuarter[0]++;
                }
                return List.of("completed", "failed").contains(job[0].getString("status"));
            });
            heap.stop();
            assertThat(job[0].getString("status")).isEqualTo("completed");
            double seconds = Duration.between(Instant.parse(job[0].getString("startedAt")),
                    Instant.parse(job[0].getString("finishedAt"))).toMillis() / 1000.0;
            // the relay drains what the import left; the slot confirms a position only when Debezium commits offsets
            // after an outbox event, so the last rows may stay counted until the next event: follow 30 s, then report
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> outbox.sample() == 0);
            } catch (ConditionTimeoutException stillCounted) {
                // reported below as the backlog left after 30 s
            }
            double lastBacklog = outbox.sample();
            return String.format(Locale.ROOT, "| %,d | %.1f MB | %.1f s | %.1f s | %.0f | %,d | %,d | %,d | %s | %s | %s | %,.0f rows (%,.0f 30 s after) | %.0f s | %s |",
                    rows, Files.size(file) / 1e6, uploadMillis / 1000.0, seconds, job[0].getInt("processedRows") / seconds,
                    job[0].getInt("createdRows"), job[0].getInt("mergedRows"), job[0].getInt("failedRows"),
                    mb(heap.peakUsed()), String.join(" / ", liveAtQuarters), mb(Runtime.getRuntime().maxMemory()),
                    outbox.maxBacklog, lastBacklog, outbox.maxOldestAge, mb((long) outbox.maxLagBytes));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A previous CRM's export: 5% of rows repeat an earlier contact (merged), 1% have a bad phone (reported). Each
     * run has its own emails and phones (exchange 2xx, 3xx, ...), so no run merges into an earlier one.
     */
    static void generate(Path file, int rows, int run) throws IOException {
        String prefix = "r" + run;
        String[] stages = {"new", "contacted", "Won", "Dead", "active-client"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("First,Last,Email,Phone,Stage,Created,Source,Type,City,Zip,Budget,Tags,Notes\n");
            for (int i = 0; i < rows; i++) {
                int person = i % 20 == 19 ? i - 7 : i;
                String phone = i % 100 == 42 ? "12" : i % 2 == 0 ? String.format("+1303%03d%04d", 200 + run * 100 + person / 10_000 % 100, person % 10_000) : "";
                w.write(String.format(Locale.ROOT, "Pat%d,%s-%d,%s.%d@bench.example.com,%s,%s,%02d/%02d/20%02d,website,buyer,Denver,80202,%d,\"vip;import\",\"Called twice, left a voicemail\"\n",
                        person, prefix, person, prefix, person, phone, stages[i % 5], 1 + i % 12, 1 + i % 28, 15 + i % 9, 250_000 + i % 500_000));
            }
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    /**
     * The chassis's outbox gauges as Prometheus shows them (sampled by the service every second in this profile):
     * rows the relay has not passed yet, the age of the oldest of them, and the WAL bytes the relay's slot is behind.
     */
    static final class OutboxGauges {
        final java.net.URL metricsUrl;
        double maxBacklog;

        OutboxGauges(java.net.URL metricsUrl) {
            this.metricsUrl = metricsUrl;
        }

        double maxOldestAge;
        double maxLagBytes;

        /** Reads /q/metrics once; returns the current backlog. */
        double sample() {
            String text = given().get(metricsUrl).then().statusCode(200).extract().asString();
            double backlog = gauge(text, "crm_outbox_backlog_rows");
            maxBacklog = Math.max(maxBacklog, backlog);
            maxOldestAge = Math.max(maxOldestAge, gauge(text, "crm_outbox_oldest_unrelayed_age_seconds"));
            maxLagBytes = Math.max(maxLagBytes, gauge(text, "crm_outbox_relay_lag_bytes"));
            return backlog;
        }

        static double gauge(String metrics, String name) {
            for (String line : metrics.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new AssertionError(name + " is not on /q/metrics");
        }
    }

    /** Samples the heap: the most in use at any time, and what survives a collection (the live set). */
    static final class Heap {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong peak = new AtomicLong();

        void start() {
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        }

        void stop() {
            sampler.shutdownNow();
        }

        long peakUsed() {
            return peak.get();
        }

        /** Heap in use right after a full collection. */
        long liveAfterGc() {
            System.gc();
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            return used;
        }
    }
}

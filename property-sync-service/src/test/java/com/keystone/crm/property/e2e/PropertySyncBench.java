package com.keystone.crm.property.e2e;

import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
import static org.awaitility.Awaitility.await;

/**
 * The property sync benchmark (tools/bench/property-sync): the MLS simulator with N listings x M photos and no rate
 * limit, a provider per protocol created through the API, a full sync requested through the API and run by the
 * worker with the real clients; measures the records phase (the run's start to finish), then photos copied into
 * s3proxy per second for a bounded window, and the peak heap in use. Named *Bench: never part of mvn verify.
 */
@QuarkusTest
@TestProfile(PropertySyncBenchProfile.class)
@WithTestResource(PropertySyncTestResource.class)
class PropertySyncBench {
    static final TestDatabase DB = new TestDatabase("property-sync-service");

    @Test
    void bench() throws Exception {
        int listings = Integer.getInteger("bench.listings", 10000);
        int photos = Integer.getInteger("bench.photos", 10);
        int photoSeconds = Integer.getInteger("bench.photo-seconds", 120);
        String[] protocols = System.getProperty("bench.protocols", "reso-web-api,rets").split(",");
        Path out = Path.of(System.getProperty("bench.out", "target/property-sync-bench.md"));
        List<String> report = new ArrayList<>();
        report.add("| protocol | listings x photos | records phase | records/s | media listed | photos copied in window | photos/s into S3 | distinct contents stored | peak heap used | max heap |");
        report.add("|---|---|---|---|---|---|---|---|---|---|");
        long seed = 11;
        for (String protocol : protocols) {
            try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().port(0).listings(listings)
                    .photosPerListing(photos).seed(seed++).retsUser("rets-user").retsPassword("rets-pass")
                    .userAgent("KeystoneCRM/1.0").oauthClientId("reso-client").oauthClientSecret("reso-secret").build())) {
                report.add(run(protocol, sim, listings, photos, photoSeconds));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
    }

    private String run(String protocol, MlsSimulator sim, int listings, int photos, int photoSeconds) {
        String tenant = "bench-" + protocol + "-" + System.nanoTime();
        String token = TestTokens.token(tenant, "admin-1", null, "admin");
        String body = "rets".equals(protocol)
                ? """
                  {"name":"bench","protocol":"rets","url":"%s","credentialsRef":"sim-rets","searchClasses":"RES,LND",
                   "format":"COMPACT","pageSize":2500,"requestsPerSecond":100000,"cron":"0 0 0 1 1 ?"}""".formatted(sim.retsLoginUrl())
                : """
                  {"name":"bench","protocol":"reso-web-api","url":"%s","tokenUrl":"%s","credentialsRef":"sim-reso",
                   "pageSize":1000,"requestsPerSecond":100000,"cron":"0 0 0 1 1 ?"}""".formatted(sim.resoServiceRoot(), sim.oauthTokenUrl());
        String provider = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        Heap heap = new Heap();
        heap.start();
        String run = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .when().post("/api/v1/mls/providers/" + provider + "/sync-runs").then().statusCode(202).extract().path("id");
        JsonPath done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(
                () -> given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + run).then().extract().jsonPath(),
                j -> !"queued".equals(j.getString("state")) && !"running".equals(j.getString("state")));
        Duration records = Duration.between(Instant.parse(done.getString("startedAt")), Instant.parse(done.getString("finishedAt")));
        long fetched = done.getLong("recordsFetched");
        long copiedAtRecordsEnd = copied(provider);
        long windowStart = System.nanoTime();
        long total = (long) listings * photos;
        // media the records lacked (RETS) are listed by the photo queue: when the last listing's were, after the records
        AtomicLong listedAt = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(photoSeconds)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (listedAt.get() < 0 && DB.count("SELECT count(*) FROM media_list_task WHERE provider_id = cast(? as uuid)", provider) == 0) {
                listedAt.set(System.nanoTime());
            }
            return copied(provider) >= total || System.nanoTime() - windowStart > (photoSeconds - 2) * 1_000_000_000L;
        });
        String mediaListed = listedAt.get() < 0 ? "not all in the window" : String.format(Locale.ROOT, "+%.0f s",
                (listedAt.get() - windowStart) / 1e9);
        double window = (System.nanoTime() - windowStart) / 1e9;
        long copied = copied(provider);
        long blobs = DB.count("SELECT count(DISTINCT content_sha256) FROM media WHERE provider_id = cast(? as uuid)", provider);
        heap.stop();
        // its photo copies stop, and its queue goes: the next protocol's claims must not walk past its leftovers
        DB.execute("UPDATE mls_provider SET enabled = false WHERE id = cast(? as uuid)", provider);
        DB.execute("DELETE FROM photo_task WHERE provider_id = cast(? as uuid)", provider);
        return String.format(Locale.ROOT, "| %s | %,d x %d (state %s) | %.1f s | %,.0f | %s | %,d of %,d (%,d during the records phase) | %.1f | %,d | %d MB | %d MB |",
                protocol, listings, photos, done.getString("state"), records.toMillis() / 1000.0,
                fetched / Math.max(0.001, records.toMillis() / 1000.0), mediaListed, copied, total, copiedAtRecordsEnd,
                (copied - copiedAtRecordsEnd) / window, blobs, heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long copied(String provider) {
        return DB.count("SELECT count(*) FROM media WHERE provider_id = cast(? as uuid) AND content_sha256 IS NOT NULL", provider);
    }

    /** The most heap in use, sampled every 100 ms (garbage included). */
    static final class Heap {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();

        void start() {
            sampler.scheduleAtFixedRate(() -> {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        void stop() {
            sampler.shutdownNow();
        }

        long peak() {
            return peak.get();
        }
    }
}

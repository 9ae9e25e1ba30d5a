package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.TestHttp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How fast and how small the simulator is at benchmark size (10,000 listings x 10 photos): run by
 * tools/bench/mls-simulator/run.sh, never by mvn verify (the class name ends in Bench). It measures, it does not assert
 * speeds; the few assertions only check that every listing arrived.
 */
class MlsSimulatorBench {

    private final List<String[]> rows = new ArrayList<>();

    @Test
    void benchmark() throws Exception {
        int listings = Integer.getInteger("bench.listings", 10_000);
        int photos = Integer.getInteger("bench.photos", 10);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = liveHeap(memory);
        long t0 = System.nanoTime();
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().listings(listings)
                .photosPerListing(photos).seed(42L).build())) {
            record("start with " + listings + " listings", t0, 1, listings, 0);
            long heapFeed = liveHeap(memory) - heapBefore;

            // RESO: every listing by following nextLink at the default cap of 1,000
            String token = TestHttp.token(sim);
            t0 = System.nanoTime();
            String next = sim.resoServiceRoot() + "/Property?$top=1000";
            int requests = 0;
            long bytes = 0;
            Set<String> keys = new HashSet<>();
            while (next != null) {
                HttpResponse<byte[]> r = TestHttp.get(next, "Authorization", "Bearer " + token);
                requests++;
                bytes += r.body().length;
                JsonNode body = TestHttp.json(r);
                body.get("value").forEach(v -> keys.add(v.get("ListingKey").asText()));
                next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            }
            assertThat(keys).hasSize(listings);
            record("RESO Property, all fields, $top=1000 + nextLink", t0, requests, listings, bytes);

            t0 = System.nanoTime();
            next = sim.resoServiceRoot() + "/Property?$top=1000&$expand=Media";
            requests = 0;
            bytes = 0;
            while (next != null) {
                HttpResponse<byte[]> r = TestHttp.get(next, "Authorization", "Bearer " + token);
                requests++;
                bytes += r.body().length;
                JsonNode body = TestHttp.json(r);
                next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            }
            record("RESO Property $expand=Media, $top=1000 + nextLink", t0, requests, listings, bytes);

            t0 = System.nanoTime();
            bytes = 0;
            for (int i = 1; i <= 200; i++) {
                bytes += TestHttp.get(sim.resoServiceRoot() + "/Media?$filter="
                        + TestHttp.enc("ResourceRecordKey eq 'KS" + (1_000_000 + i) + "'"), "Authorization",
                        "Bearer " + token).body().length;
            }
            record("RESO Media by ResourceRecordKey (one listing a request)", t0, 200, 200, bytes);

            // RETS: a key-only pull of both classes, then full rows, paged by Offset at the 2,500 cap
            try (RetsTestClient rets = new RetsTestClient(sim, "rets-user", "rets-pass")) {
                rets.login();
                for (String select : new String[] {"LIST_1", ""}) {
                    t0 = System.nanoTime();
                    requests = 0;
                    bytes = 0;
                    int got = 0;
                    for (String cls : new String[] {"RES", "LND"}) {
                        int offset = 1;
                        while (true) {
                            RetsTestClient.Reply r = select.isEmpty()
                                    ? rets.search("(LIST_87=2000-01-01T00:00:00Z+)", "Class", cls, "Offset",
                                            String.valueOf(offset))
                                    : rets.search("(LIST_87=2000-01-01T00:00:00Z+)", "Class", cls, "Offset",
                                            String.valueOf(offset), "Select", select);
                            requests++;
                            bytes += r.body().length;
                            String text = r.text();
                            int n = count(text, "<DATA>");
                            got += n;
                            offset += n;
                            if (!text.contains("<MAXROWS/>")) {
                                break;
                            }
                        }
                    }
                    assertThat(got).isEqualTo(listings);
                    record(select.isEmpty() ? "RETS Search COMPACT, all columns, Offset paging (cap 2,500)"
                            : "RETS Search COMPACT, keys only, Offset paging (cap 2,500)", t0, requests, got, bytes);
                }
                t0 = System.nanoTime();
                bytes = 0;
                for (int i = 1; i <= 100; i++) {
                    bytes += rets.transaction("getobject", Map.of("Resource", "Property", "Type", "Photo", "ID",
                            "KS" + (1_000_000 + i) + ":*", "Location", "0")).body().length;
                }
                record("RETS GetObject KEY:* (multipart, Location=0), 100 listings", t0, 100, 100 * photos, bytes);
            }

            t0 = System.nanoTime();
            bytes = 0;
            for (int i = 1; i <= 100; i++) {
                for (int p = 1; p <= photos; p++) {
                    bytes += TestHttp.get(sim.baseUrl() + "/media/KS" + (1_000_000 + i + 5_000) + "-" + p + ".jpg")
                            .body().length;
                }
            }
            record("GET /media/<MediaKey>.jpg, sequential", t0, 100 * photos, 100 * photos, bytes);

            long heapAfter = liveHeap(memory) - heapBefore;
            write(listings, photos, heapFeed, heapAfter);
        }
    }

    private void record(String what, long startNanos, int requests, int items, long bytes) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        rows.add(new String[] {what, String.format(Locale.ROOT, "%.2f s", seconds), String.valueOf(requests),
                String.format(Locale.ROOT, "%,d", items),
                String.format(Locale.ROOT, "%,.0f", items / seconds),
                bytes == 0 ? "" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)});
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static long liveHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void write(int listings, int photos, long heapFeed, long heapAfter) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Feed: %,d listings x %d photos (%,d photos drawn on request). "
                + "Live heap after a full GC: %.1f MB for the started simulator, %.1f MB after the whole run.%n%n",
                listings, photos, listings * photos, heapFeed / 1e6, heapAfter / 1e6));
        md.append("| operation | time | requests | items | items/s | bytes |\n|---|---:|---:|---:|---:|---:|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        String out = System.getProperty("bench.out");
        System.out.println(md);
        if (out != null) {
            Files.writeString(Path.of(out), md.toString());
        }
    }
}

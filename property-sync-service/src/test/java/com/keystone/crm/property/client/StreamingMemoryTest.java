package com.keystone.crm.property.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.RetsClient;
import com.keystone.crm.property.client.reso.ResoClient;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams 20,000 simulated listings through each client and checks the client keeps none of them: every listing
 * handed to the sink is collectable once the sink lets go, and the heap left after the stream is no bigger than a
 * page. (The 100,000-listing figure belongs to a benchmark under tools/bench, not to a test.)
 */
class StreamingMemoryTest {

    private static final int LISTINGS = 20_000;
    private static MlsSimulator sim;

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimProviders.options(LISTINGS).photosPerListing(1).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void streamsWithoutRetaining(MlsProvider client) {
        List<WeakReference<MlsListing>> sample = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        long before = usedAfterGc();
        client.listingsModifiedSince(null, listing -> {
            if (count.incrementAndGet() % 500 == 0) {
                sample.add(new WeakReference<>(listing));
            }
        });
        assertThat(count.get()).isEqualTo(LISTINGS);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            System.gc();
            assertThat(sample).allSatisfy(ref -> assertThat(ref.get()).isNull());
        });
        // 20,000 listings are ~40 MB as objects; what stays after the stream must be far below that
        assertThat(usedAfterGc() - before).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void resoStreamsRecordByRecord() {
        ProviderSettings settings = SimProviders.reso(sim, 1000, 0);
        try (ResoClient client = new ResoClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM)) {
            streamsWithoutRetaining(client);
        }
    }

    @Test
    void retsStreamsRowByRow() {
        ProviderSettings settings = SimProviders.rets(sim, 2500, 0);
        try (RetsClient client = new RetsClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM)) {
            streamsWithoutRetaining(client);
        }
    }
}

package com.keystone.crm.tools.mlssimulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once, while the feed changes: every answer is complete and consistent. */
class ConcurrentClientsTest {

    @Test
    void parallelPagesAndMutationsDoNotBreakAnswers() throws Exception {
        try (MlsSimulator sim = MlsSimulator.start(SimulatorOptions.builder().listings(300).threads(4)
                .resoTopCap(100).build())) {
            String token = TestHttp.token(sim);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> pages = new ArrayList<>();
                List<Future<Integer>> media = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int skip = (i % 3) * 100;
                    pages.add(pool.submit(() -> {
                        var r = TestHttp.get(sim.resoServiceRoot() + "/Property?$skip=" + skip + "&$select=ListingKey",
                                "Authorization", "Bearer " + token);
                        assertThat(r.statusCode()).isEqualTo(200);
                        return TestHttp.json(r).get("value").size();
                    }));
                    // a second endpoint in parallel: each answer must be counted under its own endpoint
                    media.add(pool.submit(() -> TestHttp.get(sim.resoServiceRoot() + "/Media?$top=5",
                            "Authorization", "Bearer " + token).statusCode()));
                    if (i % 5 == 0) {
                        sim.feed().changePrices(5);
                        sim.feed().addListings(1);
                    }
                }
                for (Future<Integer> page : pages) {
                    assertThat(page.get(30, TimeUnit.SECONDS)).isEqualTo(100);
                }
                for (Future<Integer> status : media) {
                    assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(sim.stats().count("reso/Property", 200)).isEqualTo(20);
            assertThat(sim.stats().count("reso/Media", 200)).isEqualTo(20);
            assertThat(sim.feed().size()).isEqualTo(304);
        }
    }
}

package com.keystone.crm.tools.mlssimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two requests in flight at once: each answer is counted under its own endpoint and status. */
class RouterStatsTest {

    @Test
    void overlappingRequestsAreCountedUnderTheirOwnEndpoints() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch secondEntered = new CountDownLatch(1);
        CountDownLatch firstAnswered = new CountDownLatch(1);
        RequestStats stats = new RequestStats();
        // both are in flight before either answers; "first" answers while "second" still waits
        Router router = new Router(new FaultPlan(1), stats)
                .route("/first", p -> "first", ex -> {
                    firstEntered.countDown();
                    await(secondEntered);
                    Http.sendText(ex, 200, "first");
                    firstAnswered.countDown();
                }, false)
                .route("/second", p -> "second", ex -> {
                    secondEntered.countDown();
                    await(firstAnswered);
                    Http.sendText(ex, 404, "second");
                }, false);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", router);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                    () -> TestHttp.get(base + "/first").statusCode());
            assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                    () -> TestHttp.get(base + "/second").statusCode());
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(404);

            assertThat(stats.snapshot()).containsEntry("first", Map.of(200, 1L))
                    .containsEntry("second", Map.of(404, 1L));
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

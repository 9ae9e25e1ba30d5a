package com.keystone.crm.tools.mlssimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The faults every endpoint shares (the protocol-specific ones are tested with their protocol). */
class FaultPlanTest {

    private static MlsSimulator sim;
    private static String token;

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimulatorOptions.builder().listings(20).build());
        token = TestHttp.token(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
        sim.stats().reset();
    }

    private static HttpResponse<byte[]> property() {
        return TestHttp.get(sim.resoServiceRoot() + "/Property?$top=1", "Authorization", "Bearer " + token);
    }

    @Test
    void failNextAnswersTheStatusThatManyTimes() {
        sim.faults().failNext(2, 503);
        assertThat(property().statusCode()).isEqualTo(503);
        assertThat(TestHttp.get(sim.retsLoginUrl()).statusCode()).isEqualTo(503);
        assertThat(property().statusCode()).isEqualTo(200);
        assertThat(sim.stats().count("reso/Property", 503)).isEqualTo(1);
        assertThat(sim.stats().count("rets/login", 503)).isEqualTo(1);
        assertThat(sim.stats().countStatus(503)).isEqualTo(2);
        assertThat(sim.stats().total()).isEqualTo(3);
    }

    @Test
    void errorRateFailsThatShare() {
        sim.faults().errorRate(1.0, 500);
        HttpResponse<byte[]> r = property();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(TestHttp.json(r).get("error").get("code").asText()).isEqualTo("500");
        sim.faults().errorRate(0.0, 500);
        assertThat(property().statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> sim.faults().errorRate(1.5, 500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sim.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(TestHttp.get(sim.baseUrl() + "/media/KS1000001-1.jpg").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(sim.faults().latency()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rateLimitAnswers429WithRetryAfterThenSuspendsWhoIgnoresIt() {
        // a 5 s Retry-After: the two early returns below land inside it however slow the machine is
        sim.faults().rateLimit(3, 5, 2);
        for (int i = 0; i < 3; i++) {
            assertThat(property().statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> limited = property();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(property().statusCode()).isEqualTo(429); // violation 1: came back too early
        assertThat(property().statusCode()).isEqualTo(403); // violation 2: suspended
        assertThat(sim.faults().suspended()).isTrue();
        assertThat(TestHttp.get(sim.retsLoginUrl()).statusCode()).isEqualTo(403);
        sim.faults().liftSuspension();
        assertThat(property().statusCode()).isEqualTo(200);
        assertThat(sim.stats().count("reso/Property", 429)).isEqualTo(2);
    }

    @Test
    void aClientThatHonoursRetryAfterIsNeverSuspended() {
        sim.faults().rateLimit(2, 1, 1);
        assertThat(property().statusCode()).isEqualTo(200);
        assertThat(property().statusCode()).isEqualTo(200);
        assertThat(property().statusCode()).isEqualTo(429);
        long limitedAt = System.nanoTime();
        // wait out Retry-After without touching the server, then it answers again
        await().pollDelay(Duration.ofMillis(1_050)).atMost(Duration.ofSeconds(3)).until(() ->
                System.nanoTime() - limitedAt > 1_000_000_000L);
        assertThat(property().statusCode()).isEqualTo(200);
        assertThat(sim.faults().violations()).isZero();
        assertThat(sim.faults().suspended()).isFalse();
        assertThat(sim.stats().peakPerSecond()).isBetween(1L, 3L);
        sim.faults().clearRateLimit();
        for (int i = 0; i < 5; i++) {
            assertThat(property().statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> sim.faults().rateLimit(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsCountByEndpointAndStatus() {
        property();
        TestHttp.get(sim.baseUrl() + "/nowhere");
        TestHttp.get(sim.baseUrl() + "/media/none.jpg");
        assertThat(sim.stats().snapshot()).containsKeys("reso/Property", "other", "media");
        assertThat(sim.stats().count("other", 404)).isEqualTo(1);
        assertThat(sim.stats().count("media")).isEqualTo(1);
        assertThat(sim.stats().count("never")).isZero();
        assertThat(sim.stats().count("never", 200)).isZero();
        assertThat(sim.stats().toString()).contains("reso/Property");
    }

    @Test
    void clearTurnsEverythingOff() {
        FaultPlan f = sim.faults().latency(Duration.ofMillis(1)).failNext(1, 500).errorRate(0.5, 500)
                .rateLimit(1, 1, 1).expireSessionsAfter(3).ignoreOffset(true).rejectOffset(true).maxRows(5)
                .maxRowsAsError(true).topCap(5).malformedRows(2).invalidXmlCharRefs(true).latin1Bodies(true)
                .zonelessTimestamps(true).clear();
        assertThat(f.latency()).isZero();
        assertThat(f.expireSessionsAfter()).isZero();
        assertThat(f.ignoreOffset() || f.rejectOffset() || f.maxRowsAsError() || f.invalidXmlCharRefs()
                || f.latin1Bodies() || f.zonelessTimestamps()).isFalse();
        assertThat(f.maxRows() + f.topCap()).isZero();
        assertThat(f.takeMalformedRow()).isFalse();
        assertThat(property().statusCode()).isEqualTo(200);
    }

    @Test
    void theFeedCanMutateOnItsOwn() {
        try (MlsSimulator live = MlsSimulator.start(SimulatorOptions.builder().listings(30)
                .autoMutateEvery(Duration.ofMillis(50)).build())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> live.feed().size() >= 36);
            assertThat(live.feed().clock()).isAfter(java.time.Instant.parse("2026-01-01T00:00:10Z"));
        }
    }
}

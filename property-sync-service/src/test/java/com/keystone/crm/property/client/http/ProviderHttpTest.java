package com.keystone.crm.property.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.property.client.MlsException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared HTTP layer against a scripted local server speaking real HTTP: quota headers read into usage, an
 * exhausted quota and a 429 holding every request back (on the fake clock), status codes mapped to failure kinds.
 */
class ProviderHttpTest {

    private record Answer(int status, String body, String[] headers) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final FakeWaiter clock = new FakeWaiter();
    private ProviderHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", ex -> {
            Answer a;
            synchronized (script) {
                a = script.isEmpty() ? new Answer(200, "ok", new String[0]) : script.poll();
            }
            for (int i = 0; i + 1 < a.headers().length; i += 2) {
                ex.getResponseHeaders().add(a.headers()[i], a.headers()[i + 1]);
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        HttpPolicy policy = new HttpPolicy(0, 0, Duration.ofSeconds(5), 2, Duration.ofMillis(1), Duration.ofMillis(5), 0.1, 2,
                Duration.ofSeconds(3), 50, Duration.ofSeconds(1));
        http = new ProviderHttp("p1", policy, "UA/1", null, clock);
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private void answer(int status, String body, String... headers) {
        script.add(new Answer(status, body, headers));
    }

    private String get() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
        return http.execute(() -> ClassicRequestBuilder.get(uri).build(), false,
                r -> new String(r.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotaHeadersAndWaitsForTheResetWhenExhausted() {
        answer(200, "one", "Hour-Quota-Limit", "7200", "Hour-Quota-Remaining", "0", "Hour-Quota-ResetTime", "120");
        assertThat(get()).isEqualTo("one");
        assertThat(http.usage().quotaRemaining()).isZero();
        assertThat(http.usage().quotaLimit()).isEqualTo(7200);
        assertThat(http.usage().quotaResetsAt()).isEqualTo(clock.now().plusSeconds(120));
        assertThat(get()).isEqualTo("ok");
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void a429HoldsBackForRetryAfterThenRetries() {
        answer(429, "slow down", "Retry-After", "7");
        answer(429, "still", "X-Other", "1"); // no Retry-After: the policy's default (3 s)
        assertThat(get()).isEqualTo("ok");
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.usage().throttledResponses()).isEqualTo(2);
        assertThat(http.usage().requests()).isEqualTo(3);
    }

    @Test
    void tooMany429sEndAsRateLimited() {
        for (int i = 0; i < 3; i++) {
            answer(429, "no", "Retry-After", "1");
        }
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(MlsException.Kind.RATE_LIMITED);
            assertThat(e.httpStatus()).isEqualTo(429);
        });
    }

    @Test
    void fiveHundredsAreRetriedThenReportedAsUnavailable() {
        answer(503, "busy");
        assertThat(get()).isEqualTo("ok");
        for (int i = 0; i < 3; i++) {
            answer(502, "bad gateway");
        }
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(MlsException.Kind.UNAVAILABLE);
            assertThat(e.httpStatus()).isEqualTo(502);
        });
    }

    @Test
    void clientErrorsKeepTheirStatusAndServerMessage() {
        answer(403, "{\"error\":\"token suspended\"}");
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(MlsException.Kind.SUSPENDED);
            assertThat(e.serverMessage()).contains("token suspended");
        });
        answer(403, "forbidden");
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.AUTHENTICATION));
        answer(400, "bad $filter");
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(MlsException.Kind.REJECTED);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.serverMessage()).isEqualTo("bad $filter");
            assertThat(e.retsReplyCode()).isNull();
        });
        answer(501, "not implemented"); // permanent: not retried
        assertThatThrownBy(this::get).isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.REJECTED));
        assertThat(http.usage().requests()).isEqualTo(4);
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        URI closed = URI.create("http://127.0.0.1:1/x");
        assertThatThrownBy(() -> http.execute(() -> ClassicRequestBuilder.get(closed).build(), false, r -> null))
                .isInstanceOfSatisfying(MlsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MlsException.Kind.UNAVAILABLE);
                    assertThat(e.httpStatus()).isNull();
                });
    }

    @Test
    void aHandlerFailureIsMalformedAndAnOpenedResponseIsTheCallers() throws Exception {
        assertThatThrownBy(() -> http.execute(() -> ClassicRequestBuilder.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x")).build(),
                false, r -> {
                    throw new Exception("cannot parse");
                })).isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.MALFORMED));
        try (var response = http.open(() -> ClassicRequestBuilder.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x")).build(), true)) {
            assertThat(new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
        assertThat(http.usage().mediaRequests()).isEqualTo(1);
    }
}

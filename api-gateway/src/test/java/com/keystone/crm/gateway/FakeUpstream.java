package com.keystone.crm.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing for a service behind the gateway. /api/v1/echo/** answers what it received;
 * /api/v1/echo/status/{code} answers that status; /api/v1/echo/slow never answers in time; /api/v1/echo/reset
 * closes the connection; /api/v1/echo/flaky/{key} answers 503 twice per key, then 200. Calls are counted per path.
 */
public final class FakeUpstream {
    /** Its API description: one routed path, one the gateway does not route, one schema. */
    static final String OPENAPI = """
            {"openapi":"3.0.3","info":{"title":"echo","version":"1"},
             "paths":{"/api/v1/echo/things":{"get":{"responses":{"200":{"description":"ok"}}}},
                      "/internal/secret":{"get":{"responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"EchoThing":{"type":"object"}}}}""";

    private static FakeUpstream instance;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile boolean down;

    private FakeUpstream() {
        try {
            server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                String path = req.path();
                int n = calls.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                if (!down && path.equals("/q/openapi")) {
                    req.response().putHeader("Content-Type", "application/json").end(OPENAPI);
                } else if (down || path.startsWith("/api/v1/echo/status/") || path.startsWith("/api/v1/touchy/status/")) {
                    int code = down ? 503 : Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                    req.response().setStatusCode(code).putHeader("Content-Type", "application/json").end("{\"code\":" + code + "}");
                } else if (path.equals("/api/v1/echo/slow")) {
                    vertx.setTimer(5_000, id -> req.response().end("late"));
                } else if (path.equals("/api/v1/echo/reset")) {
                    req.connection().close();
                } else if (path.startsWith("/api/v1/echo/flaky/")) {
                    req.response().setStatusCode(n <= 2 ? 503 : 200).putHeader("Content-Type", "application/json").end("{\"attempt\":" + n + "}");
                } else {
                    JsonObject headers = new JsonObject();
                    req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                    req.response().putHeader("Content-Type", "application/json").putHeader("X-Upstream", "echo")
                            .putHeader("Location", "http://localhost:" + req.localAddress().port() + "/api/v1/echo/created/1")
                            .end(new JsonObject().put("method", req.method().name()).put("uri", req.uri())
                                    .put("body", body.toString()).put("headers", headers).encode());
                }
            })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized FakeUpstream get() {
        if (instance == null) {
            instance = new FakeUpstream();
        }
        return instance;
    }

    public int port() {
        return server.actualPort();
    }

    public int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    /** While down, every request answers 503, as a service that is shutting down would. */
    public void down(boolean isDown) {
        this.down = isDown;
    }
}

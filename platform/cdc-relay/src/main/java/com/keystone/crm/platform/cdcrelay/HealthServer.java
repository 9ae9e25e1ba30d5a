package com.keystone.crm.platform.cdcrelay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The relay's health endpoint (JDK HTTP server, all interfaces):
 * <ul>
 * <li>{@code GET /health}: {@code {"status":"UP"|"DOWN","connectors":{"<name>":"STARTING"|"STREAMING"|"RETRYING"|"FAILED"},
 * "errors":{"<name>":"<last error>"}}}, 200 when every connector is STREAMING, else 503;</li>
 * <li>{@code GET /health/live}: always 200 {@code {"status":"UP"}} while the process runs;</li>
 * <li>{@code GET /metrics}: Prometheus text format ({@link RelayMetrics}).</li>
 * </ul>
 */
public final class HealthServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthRegistry registry;
    private final Supplier<String> metrics;

    public HealthServer(int port, HealthRegistry registry, Supplier<String> metrics) throws IOException {
        this.registry = registry;
        this.metrics = metrics;
        this.server = HttpServer.create(new InetSocketAddress(port), 16);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "relay-health");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health", this::health);
        server.createContext("/health/live", this::live);
        server.createContext("/metrics", this::metrics);
    }

    public HealthServer start() {
        server.start();
        return this;
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/health") && !path.equals("/health/")) {
            respond(exchange, 404, Map.of("error", "not found"));
            return;
        }
        if (!allowed(exchange)) {
            return;
        }
        HealthRegistry.Snapshot snapshot = registry.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", snapshot.up() ? "UP" : "DOWN");
        body.put("connectors", snapshot.connectors());
        body.put("errors", snapshot.errors());
        respond(exchange, snapshot.up() ? 200 : 503, body);
    }

    private void live(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/health/live") && !path.equals("/health/live/")) {
            respond(exchange, 404, Map.of("error", "not found"));
            return;
        }
        if (allowed(exchange)) {
            respond(exchange, 200, Map.of("status", "UP"));
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/metrics") && !path.equals("/metrics/")) {
            respond(exchange, 404, Map.of("error", "not found"));
            return;
        }
        if (!allowed(exchange)) {
            return;
        }
        byte[] bytes = metrics.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, Map.of("error", "method not allowed"));
        return false;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

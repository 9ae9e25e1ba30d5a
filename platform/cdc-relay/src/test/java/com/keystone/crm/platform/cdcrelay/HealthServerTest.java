package com.keystone.crm.platform.cdcrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HealthServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final HealthRegistry registry = new HealthRegistry(List.of("lead-service-outbox", "api-gateway-outbox"));
    private final RelayMetrics metrics = new RelayMetrics(List.of("lead-service-outbox", "api-gateway-outbox"), registry);
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reports_503_down_until_every_connector_streams_then_200_up() throws Exception {
        server = new HealthServer(0, registry, metrics::scrape).start();
        assertThat(server.port()).isPositive();

        HttpResponse<String> starting = get("/health");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(starting.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"DOWN\",\"connectors\":{\"lead-service-outbox\":\"STARTING\",\"api-gateway-outbox\":\"STARTING\"},\"errors\":{}}"));

        registry.streaming("lead-service-outbox");
        registry.retrying("api-gateway-outbox", "FATAL: database \"api-gateway\" does not exist");
        JsonNode partly = JSON.readTree(get("/health").body());
        assertThat(partly.path("status").asText()).isEqualTo("DOWN");
        assertThat(partly.path("connectors").path("lead-service-outbox").asText()).isEqualTo("STREAMING");
        assertThat(partly.path("connectors").path("api-gateway-outbox").asText()).isEqualTo("RETRYING");
        assertThat(partly.path("errors").path("api-gateway-outbox").asText()).contains("does not exist");

        registry.streaming("api-gateway-outbox");
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"UP\",\"connectors\":{\"lead-service-outbox\":\"STREAMING\",\"api-gateway-outbox\":\"STREAMING\"},\"errors\":{}}"));

        registry.failed("api-gateway-outbox", "bad config");
        assertThat(get("/health").statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(get("/health").body()).path("connectors").path("api-gateway-outbox").asText()).isEqualTo("FAILED");
    }

    @Test
    void liveness_is_always_200_and_other_paths_and_methods_are_refused() throws Exception {
        server = new HealthServer(0, registry, metrics::scrape).start();

        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
        assertThat(get("/health/other").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/health/live")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void metrics_are_served_in_the_prometheus_text_format() throws Exception {
        server = new HealthServer(0, registry, metrics::scrape).start();
        registry.streaming("lead-service-outbox");
        metrics.forwarded("lead-service-outbox", "lead.created", System.currentTimeMillis() - 1500);
        metrics.forwarded("lead-service-outbox", "lead.created", null);
        metrics.forwarded("lead-service-outbox", "lead.assigned", null);
        metrics.sendFailed("api-gateway-outbox", "user.created", new org.apache.kafka.common.errors.OutOfOrderSequenceException("x"));
        metrics.producerRecreated("api-gateway-outbox");

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        String body = response.body();
        assertThat(body)
                .contains("relay_records_forwarded_total{connector=\"lead-service-outbox\",topic=\"lead.created\"} 2.0")
                .contains("relay_records_forwarded_total{connector=\"lead-service-outbox\",topic=\"lead.assigned\"} 1.0")
                .contains("relay_send_failures_total{connector=\"api-gateway-outbox\",error=\"OutOfOrderSequenceException\",topic=\"user.created\"} 1.0")
                .contains("relay_producer_recreations_total{connector=\"api-gateway-outbox\"} 1.0")
                .contains("relay_producer_recreations_total{connector=\"lead-service-outbox\"} 0.0")
                .contains("relay_connector_up{connector=\"lead-service-outbox\"} 1.0")
                .contains("relay_connector_up{connector=\"api-gateway-outbox\"} 0.0")
                .contains("jvm_memory_used_bytes");
        double lag = value(body, "relay_lag_seconds{connector=\"lead-service-outbox\"}");
        assertThat(lag).isBetween(1.5, 60.0);
        double last = value(body, "relay_last_forwarded_timestamp_seconds{connector=\"lead-service-outbox\"}");
        assertThat(last).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
        assertThat(value(body, "relay_last_forwarded_timestamp_seconds{connector=\"api-gateway-outbox\"}")).isZero();
        assertThat(get("/metrics/other").statusCode()).isEqualTo(404);
    }

    private static double value(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + body));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}

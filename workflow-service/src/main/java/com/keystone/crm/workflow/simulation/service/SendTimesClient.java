package com.keystone.crm.workflow.simulation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.workflow.config.WorkflowConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks notification-service when planned messages would really go out ({@code POST /api/v1/notifications/send-times}),
 * with the caller's own token: quiet hours are its rule, applied there, not copied here.
 */
@ApplicationScoped
public class SendTimesClient {
    static final String PATH = "/api/v1/notifications/send-times";

    private final WebClient client;
    private final URI base;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    public SendTimesClient(Vertx vertx, WorkflowConfig config) {
        this.timeout = config.notification().timeout();
        this.base = config.notification().url();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** A planned message: channel, purpose, the lead it goes to (null for a made-up one), the lead's zone, when. */
    public record Planned(String channel, String category, UUID leadId, String timezone, Instant at) {
    }

    /** When each would go out and why it waits (null: at once); fails when notification-service does not answer. */
    public record SendTime(Instant sendAt, String heldFor) {
    }

    public Uni<List<SendTime>> ask(String authorization, List<Planned> planned) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Planned p : planned) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("channel", p.channel());
            item.put("category", p.category());
            if (p.leadId() != null) {
                item.put("leadId", p.leadId().toString());
            }
            if (p.timezone() != null) {
                item.put("timezone", p.timezone());
            }
            item.put("at", p.at().toString());
            items.add(item);
        }
        Buffer body;
        try {
            body = Buffer.buffer(mapper.writeValueAsBytes(Map.of("items", items)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        return Uni.createFrom().completionStage(() -> client.post(port, base.getHost(), PATH)
                        .ssl("https".equals(base.getScheme())).timeout(timeout.toMillis())
                        .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json")
                        .sendBuffer(body).toCompletionStage())
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("notification-service answered " + response.statusCode());
                    }
                    try {
                        List<SendTime> times = new ArrayList<>();
                        for (JsonNode a : mapper.readTree(response.bodyAsString()).path("items")) {
                            times.add(new SendTime(Instant.parse(a.path("sendAt").asText()),
                                    a.path("heldFor").isTextual() ? a.path("heldFor").asText() : null));
                        }
                        if (times.size() != planned.size()) {
                            throw new IllegalStateException("notification-service answered " + times.size() + " of " + planned.size());
                        }
                        return times;
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("notification-service's answer is not JSON", e);
                    }
                });
    }
}

package com.keystone.crm.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.gateway.proxy.RouteTable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI document for the mobile app: the gateway's own paths plus, from every service in the route table,
 * its /q/openapi paths that the gateway routes to it. A service that is down or slow is left out and listed as
 * unavailable under {@code x-services}; the document is still served.
 */
@ApplicationScoped
public class OpenApiAggregator {
    static final List<String> GATEWAY_PREFIXES = List.of("/auth", "/api/v1/admin", "/.well-known");
    private static final int FETCH_TIMEOUT_MS = 3_000;

    private final RouteTable routes;
    private final WebClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    public OpenApiAggregator(RouteTable routes, Vertx vertx) {
        this.routes = routes;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(FETCH_TIMEOUT_MS));
    }

    /** The merged document; {@code selfUrl} is the gateway's own /q/openapi. */
    public Uni<ObjectNode> aggregate(String selfUrl) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        sources.put("api-gateway", selfUrl);
        prefixes.put("api-gateway", GATEWAY_PREFIXES);
        for (RouteTable.Route r : routes.routes()) {
            sources.putIfAbsent(r.service(), r.baseUrl() + "/q/openapi?format=json");
            prefixes.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r.prefix());
        }
        List<Future<JsonNode>> fetches = new ArrayList<>();
        sources.values().forEach(url -> fetches.add(fetch(url)));
        return Uni.createFrom().completionStage(() -> Future.join(new ArrayList<>(fetches)).toCompletionStage())
                .onFailure().recoverWithItem(() -> null)
                .map(ignored -> merge(new ArrayList<>(sources.keySet()), fetches, prefixes));
    }

    private Future<JsonNode> fetch(String url) {
        return client.getAbs(url).putHeader("Accept", "application/json").timeout(FETCH_TIMEOUT_MS).send()
                .compose((HttpResponse<Buffer> r) -> {
                    if (r.statusCode() != 200) {
                        return Future.failedFuture("status " + r.statusCode());
                    }
                    try {
                        return Future.succeededFuture(mapper.readTree(r.bodyAsString()));
                    } catch (Exception e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    ObjectNode merge(List<String> services, List<Future<JsonNode>> docs, Map<String, List<String>> prefixes) {
        ObjectNode out = mapper.createObjectNode();
        out.put("openapi", "3.0.3");
        out.putObject("info").put("title", "Keystone CRM API").put("version", "v1")
                .put("description", "Every service's API as the api-gateway routes it; authenticate at /auth/login.");
        ObjectNode paths = out.putObject("paths");
        ObjectNode components = out.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        out.putArray("security").addObject().putArray("bearer");
        ObjectNode status = out.putObject("x-services");
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i);
            Future<JsonNode> doc = docs.get(i);
            if (!doc.succeeded()) {
                status.put(service, "unavailable");
                continue;
            }
            status.put(service, "up");
            JsonNode servicePaths = doc.result().path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = servicePaths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (routed(p.getKey(), prefixes.get(service))) {
                    paths.set(p.getKey(), p.getValue());
                }
            }
            JsonNode serviceSchemas = doc.result().path("components").path("schemas");
            for (Iterator<Map.Entry<String, JsonNode>> it = serviceSchemas.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                // same-named schemas (Problem, ...) are the shared conventions; the first one stands
                if (!schemas.has(s.getKey())) {
                    schemas.set(s.getKey(), s.getValue());
                }
            }
        }
        return out;
    }

    private static boolean routed(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}

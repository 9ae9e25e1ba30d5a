package com.keystone.crm.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.gateway.service.OpenApiAggregator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The aggregated OpenAPI document of every service behind the gateway (Swagger UI at /q/swagger-ui shows it). */
@Path("/openapi/all")
public class OpenApiResource {
    private final OpenApiAggregator aggregator;
    private final HttpServerRequest request;

    public OpenApiResource(OpenApiAggregator aggregator, HttpServerRequest request) {
        this.aggregator = aggregator;
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<ObjectNode> all() {
        int port = request.localAddress().port();
        return aggregator.aggregate("http://localhost:" + port + "/q/openapi?format=json");
    }
}

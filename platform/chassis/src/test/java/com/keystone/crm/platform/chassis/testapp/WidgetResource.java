package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.contracts.InvalidEventException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test-only endpoints driving OutboxWriter, IdempotencyKeys and Inbox inside real transactions. */
@Path("/test/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class WidgetResource {
    private final WidgetService widgets;
    private final Caller caller;

    public WidgetResource(WidgetService widgets, Caller caller) {
        this.widgets = widgets;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(WidgetRequest request) {
        return widgets.create(caller.tenantId(), request)
                .onFailure(InvalidEventException.class)
                .transform(e -> ProblemException.unprocessable("invalid-event", e.getMessage()))
                .map(c -> Response.status(201).entity(Map.of("id", c.id(), "occurredAt", c.occurredAt().toString())).build());
    }

    @POST
    @Path("/idempotent")
    public Uni<Response> createIdempotent(@HeaderParam("Idempotency-Key") String key, Map<String, String> body) {
        return widgets.createIdempotent(caller.tenantId(), key, body.get("name"))
                .map(c -> Response.status(c.replayed() ? 200 : 201).entity(Map.of("id", c.id())).build());
    }

    @POST
    @Path("/remember/{key}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> remember(@PathParam("key") String key) {
        return widgets.remember(caller.tenantId(), key, UUID.randomUUID().toString())
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("/inbox/{eventId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<List<Boolean>> deliverTwice(@PathParam("eventId") UUID eventId) {
        return widgets.deliverTwice(eventId, "chassis-test-inbox");
    }
}

package com.keystone.crm.platform.chassis.testapp;

import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.contracts.InvalidEventException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.UriInfo;
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

    private final IdempotentCreate idempotentCreate;

    public WidgetResource(WidgetService widgets, Caller caller, IdempotentCreate idempotentCreate) {
        this.widgets = widgets;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    @POST
    public Uni<Response> create(WidgetRequest request) {
        return widgets.create(caller.tenantId(), request)
                .onFailure(InvalidEventException.class)
                .transform(e -> ProblemException.unprocessable("invalid-event", e.getMessage()))
                .map(c -> Response.status(201).entity(Map.of("id", c.id(), "occurredAt", c.occurredAt().toString())).build());
    }

    /** An idempotent create through the chassis: 201 with Location, ETag and a body. */
    @POST
    @Path("/idempotent")
    public Uni<Response> createIdempotent(@HeaderParam(IdempotentCreate.HEADER) String key, IdempotentWidget body,
                                          @Context UriInfo uri) {
        return idempotentCreate.create("widget.create", key, body,
                () -> widgets.createNamed(caller.tenantId(), body.name(), body.holdMillis(), body.fail())
                        .map(w -> Response.created(uri.getAbsolutePathBuilder().path(w.id.toString()).build())
                                .tag(new EntityTag("v1-" + w.id))
                                .header("X-Widget-Serial", UUID.randomUUID().toString())
                                .entity(Map.of("id", w.id.toString(), "name", w.name, "createdAt", w.createdAt.toString()))
                                .build()));
    }

    /** The caller's tenant's widgets as keyset pages. */
    @GET
    public Uni<Page<Map<String, Object>>> list(@QueryParam("sort") String sort, @QueryParam("limit") @DefaultValue("2") int limit,
                                               @QueryParam("cursor") String cursor) {
        return widgets.list(caller.tenantId(), "createdAt".equals(sort), limit, cursor);
    }

    @POST
    @Path("/inbox/{eventId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<List<Boolean>> deliverTwice(@PathParam("eventId") UUID eventId) {
        return widgets.deliverTwice(eventId, "chassis-test-inbox");
    }
}

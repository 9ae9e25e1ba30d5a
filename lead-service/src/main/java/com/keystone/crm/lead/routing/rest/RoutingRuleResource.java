package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.routing.api.RoutingRuleOrderRequest;
import com.keystone.crm.lead.routing.api.RoutingRuleRequest;
import com.keystone.crm.lead.routing.api.RoutingRuleView;
import com.keystone.crm.lead.routing.service.RoutingRuleService;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Routing rules: /api/v1/routing-rules. Admins manage them; team leads may read them. */
@Path("/api/v1/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class RoutingRuleResource {
    private final RoutingRuleService rules;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public RoutingRuleResource(RoutingRuleService rules, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.rules = rules;
        this.caller = caller;
    }

    /** The rules in evaluation order (the catch-all last). */
    @GET
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Page<RoutingRuleView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return rules.list(caller, ListQuery.checkedLimit(limit), cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Response> get(@PathParam("id") String id) {
        return rules.get(caller, parseId(id)).map(r -> Response.ok(r).tag(new EntityTag(r.etag())).build());
    }

    /** Creates one; a retry with the same Idempotency-Key and body gets the first answer again. */
    @POST
    public Uni<Response> create(@Valid @NotNull RoutingRuleRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        return idempotentCreate.create(RoutingRuleService.IDEMPOTENCY_SCOPE, idempotencyKey, request,
                () -> rules.create(caller, request).map(created -> Response.status(Response.Status.CREATED)
                        .location(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .tag(new EntityTag(created.etag()))
                        .entity(created)
                        .build()));
    }

    /** Sets the evaluation order: every rule id once, the catch-all last. */
    @PUT
    @Path("/order")
    public Uni<Page<RoutingRuleView>> reorder(@Valid @NotNull RoutingRuleOrderRequest request) {
        return rules.reorder(caller, request);
    }

    @PUT
    @Path("/{id}")
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull RoutingRuleRequest request,
                                @HeaderParam("If-Match") String ifMatch) {
        return rules.update(caller, parseId(id), request, ifMatch)
                .map(r -> Response.ok(r).tag(new EntityTag(r.etag())).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return rules.delete(caller, parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Routing rule " + id);
        }
    }
}

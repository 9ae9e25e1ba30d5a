package com.keystone.crm.lead.routing.rest;

import com.keystone.crm.lead.routing.api.AgentGroupRequest;
import com.keystone.crm.lead.routing.api.AgentGroupView;
import com.keystone.crm.lead.routing.service.AgentGroupService;
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

/** Agent groups that routing rules hand leads to: /api/v1/agent-groups. Admins manage them; team leads may read them. */
@Path("/api/v1/agent-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class AgentGroupResource {
    private final AgentGroupService groups;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public AgentGroupResource(AgentGroupService groups, Caller caller, IdempotentCreate idempotentCreate) {
        this.idempotentCreate = idempotentCreate;
        this.groups = groups;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Page<AgentGroupView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return groups.list(caller, ListQuery.checkedLimit(limit), cursor);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Response> get(@PathParam("id") String id) {
        return groups.get(caller, parseId(id)).map(g -> Response.ok(g).tag(new EntityTag(g.etag())).build());
    }

    /** Creates one; a retry with the same Idempotency-Key and body gets the first answer again. */
    @POST
    public Uni<Response> create(@Valid @NotNull AgentGroupRequest request,
                                @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey, UriInfo uri) {
        return idempotentCreate.create(AgentGroupService.IDEMPOTENCY_SCOPE, idempotencyKey, request,
                () -> groups.create(caller, request).map(created -> Response.status(Response.Status.CREATED)
                        .location(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .tag(new EntityTag(created.etag()))
                        .entity(created)
                        .build()));
    }

    @PUT
    @Path("/{id}")
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull AgentGroupRequest request,
                                @HeaderParam("If-Match") String ifMatch) {
        return groups.update(caller, parseId(id), request, ifMatch)
                .map(g -> Response.ok(g).tag(new EntityTag(g.etag())).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return groups.delete(caller, parseId(id), ifMatch).map(v -> Response.noContent().build());
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Agent group " + id);
        }
    }
}

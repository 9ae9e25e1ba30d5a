package com.keystone.crm.notification.consent.rest;

import com.keystone.crm.notification.consent.service.SuppressionAdmin;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

/** The tenant's suppression list (admins and team leads); additions publish contact.opted-out. */
@Path("/api/v1/suppressions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
public class SuppressionResource {
    private final SuppressionAdmin admin;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public SuppressionResource(SuppressionAdmin admin, Caller caller, IdempotentCreate idempotentCreate) {
        this.admin = admin;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    @POST
    public Uni<Response> add(@Valid @NotNull SuppressionRequest r, @HeaderParam(IdempotentCreate.HEADER) String key, UriInfo uri) {
        if ("sms".equals(r.channel()) && !r.address().matches("\\+[1-9][0-9]{1,14}")) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("address", "an E.164 number for the sms channel"))));
        }
        return idempotentCreate.create(SuppressionAdmin.IDEMPOTENCY_SCOPE, key, r, () -> admin.add(caller, r.channel(), r.address(), r.purpose())
                .map(v -> Response.created(uri.getBaseUriBuilder().path("api/v1/suppressions").path(v.id().toString()).build())
                        .entity(v).build()));
    }

    @GET
    public Uni<Page<SuppressionAdmin.View>> list(@QueryParam("channel") String channel, @QueryParam("address") String address,
                                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(admin.cursors(), cursor);
        if (channel != null && !channel.equals("email") && !channel.equals("sms")) {
            q.reject("channel", "email or sms");
        }
        q.validate();
        return admin.list(caller, channel, address, size, after);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> remove(@PathParam("id") String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Suppression " + id);
        }
        return admin.remove(caller, parsed).replaceWith(Response.noContent().build());
    }
}

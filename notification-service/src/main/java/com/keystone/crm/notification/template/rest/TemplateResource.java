package com.keystone.crm.notification.template.rest;

import com.keystone.crm.notification.template.service.TemplateService;
import com.keystone.crm.platform.chassis.idempotency.IdempotentCreate;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.ListQuery;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import java.util.UUID;

/** Templates: save a version (admins and team leads), read, list, preview. */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.AGENT, Caller.TEAM_LEAD, Caller.ADMIN})
public class TemplateResource {
    private final TemplateService templates;
    private final Caller caller;
    private final IdempotentCreate idempotentCreate;

    public TemplateResource(TemplateService templates, Caller caller, IdempotentCreate idempotentCreate) {
        this.templates = templates;
        this.caller = caller;
        this.idempotentCreate = idempotentCreate;
    }

    /** Saves a new version; the answer carries its version number. */
    @POST
    @RolesAllowed({Caller.TEAM_LEAD, Caller.ADMIN})
    public Uni<Response> create(@Valid @NotNull TemplateRequest r, @HeaderParam(IdempotentCreate.HEADER) String key, UriInfo uri) {
        return idempotentCreate.create(TemplateService.IDEMPOTENCY_SCOPE, key, r, () -> templates.save(caller,
                        new TemplateService.TemplateCommand(r.key(), r.channel(), r.locale(), r.subject(), r.text(), r.html(), r.variables()))
                .map(t -> Response.created(uri.getBaseUriBuilder().path("api/v1/templates").path(t.id().toString()).build())
                        .entity(t).build()));
    }

    @GET
    public Uni<Page<TemplateService.TemplateView>> list(@QueryParam("key") String key, @QueryParam("limit") String limit,
                                                        @QueryParam("cursor") String cursor) {
        ListQuery q = new ListQuery();
        int size = q.limit(limit);
        Cursor after = q.cursor(templates.cursors(), cursor);
        q.validate();
        return templates.list(caller, key, size, after);
    }

    @GET
    @Path("{id}")
    public Uni<TemplateService.TemplateView> get(@PathParam("id") String id) {
        return templates.get(caller, Ids.parse(id, "Template"));
    }

    /** The template rendered with sample values; for SMS with its encoding and segment count. */
    @POST
    @Path("{id}/preview")
    public Uni<TemplateService.Preview> preview(@PathParam("id") String id, @Valid @NotNull PreviewRequest request) {
        return templates.preview(caller, Ids.parse(id, "Template"), request.variables());
    }

    /** Path ids: anything that is not a UUID is simply not found. */
    static final class Ids {
        private Ids() {
        }

        static UUID parse(String raw, String what) {
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                throw com.keystone.crm.platform.chassis.problem.ProblemException.notFound(what + " " + raw);
            }
        }
    }
}

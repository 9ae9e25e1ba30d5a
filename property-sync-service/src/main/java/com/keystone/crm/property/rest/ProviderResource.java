package com.keystone.crm.property.rest;

import com.keystone.crm.property.service.ProviderView;
import com.keystone.crm.property.service.SyncRunView;
import com.keystone.crm.property.service.ProviderCommand;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.property.service.MlsCredentials;
import com.keystone.crm.property.service.ProviderService;
import com.keystone.crm.property.service.SyncWorker;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** MLS providers of the admin's tenant: /api/v1/mls/providers, and on-demand sync runs. */
@Path("/api/v1/mls/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class ProviderResource {
    private final ProviderService providers;
    private final SyncWorker worker;
    private final Caller caller;
    private final CrmClock clock;

    public ProviderResource(ProviderService providers, SyncWorker worker, Caller caller, CrmClock clock) {
        this.clock = clock;
        this.providers = providers;
        this.worker = worker;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull ProviderCommand request, UriInfo uri) {
        return providers.create(caller.tenantId(), request).map(p -> {
            ProviderView v = ProviderView.of(p, clock.now());
            return Response.created(uri.getAbsolutePathBuilder().path(v.id()).build())
                    .tag(new EntityTag(v.etag())).entity(v).build();
        });
    }

    @GET
    public Uni<List<ProviderView>> list() {
        return providers.list(caller.tenantId()).map(ps -> {
            Instant now = clock.now();
            return ps.stream().map(p -> ProviderView.of(p, now)).toList();
        });
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return providers.get(caller.tenantId(), parse(id)).map(p -> {
            ProviderView v = ProviderView.of(p, clock.now());
            return Response.ok(v).tag(new EntityTag(v.etag())).build();
        });
    }

    /** Full replace; needs If-Match with the ETag read (428 without, 412 when stale). */
    @PUT
    @Path("/{id}")
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                 @Valid @NotNull ProviderCommand request) {
        return providers.replace(caller.tenantId(), parse(id), ifMatch, request).map(p -> {
            ProviderView v = ProviderView.of(p, clock.now());
            return Response.ok(v).tag(new EntityTag(v.etag())).build();
        });
    }

    /**
     * New credentials for the provider (write-only, stored encrypted): 204 with the provider's new ETag. If-Match as for
     * a replace (428 without, 412 stale).
     */
    @PUT
    @Path("/{id}/credentials")
    public Uni<Response> replaceCredentials(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                           @Valid @NotNull MlsCredentials credentials) {
        return providers.replaceCredentials(caller.tenantId(), parse(id), ifMatch, credentials)
                .map(p -> Response.noContent().tag(new EntityTag(Long.toString(p.version))).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return providers.delete(caller.tenantId(), parse(id)).map(x -> Response.noContent().build());
    }

    /** Queues a run now (202); the worker picks it up at once on this instance, or at the next poll on another. */
    @POST
    @Path("/{id}/sync-runs")
    public Uni<Response> sync(@PathParam("id") String id, @Valid SyncRunRequest request, UriInfo uri) {
        return providers.requestRun(caller.tenantId(), parse(id), request == null ? null : request.mode()).map(run -> {
            worker.wake();
            return Response.accepted(SyncRunView.of(run, null))
                    .location(uri.getBaseUriBuilder().path("/api/v1/mls/sync-runs/" + run.id).build()).build();
        });
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("The resource");
        }
    }
}

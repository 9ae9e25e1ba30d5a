package com.keystone.crm.property.rest;

import com.keystone.crm.property.service.SyncRunView;
import com.keystone.crm.platform.chassis.paging.Cursor;
import com.keystone.crm.platform.chassis.paging.CursorCodec;
import com.keystone.crm.platform.chassis.paging.Keyset;
import com.keystone.crm.platform.chassis.paging.Page;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** Sync runs of the admin's tenant, newest first: /api/v1/mls/sync-runs, detail with its errors. */
@Path("/api/v1/mls/sync-runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class SyncRunResource {
    static final String LIST = "sync-runs";

    private final SyncRunRepository runs;
    private final Caller caller;
    private final CursorCodec cursors;

    public SyncRunResource(SyncRunRepository runs, Caller caller, CursorCodec cursors) {
        this.runs = runs;
        this.caller = caller;
        this.cursors = cursors;
    }

    @GET
    @WithSession
    public Uni<Page<SyncRunView>> list(@QueryParam("providerId") String providerId, @QueryParam("limit") String limit,
                                 @QueryParam("cursor") String cursor) {
        int n = limit(limit);
        UUID provider = providerId == null || providerId.isBlank() ? null : uuid("providerId", providerId);
        Keyset keyset = cursors.list(LIST);
        Cursor after = keyset.decode(cursor);
        return runs.page(caller.tenantId(), provider, after == null ? null : after.instant(0), after == null ? null : after.uuid(), n + 1)
                .map(list -> keyset.page(list, n, r -> SyncRunView.of(r, null), last -> Cursor.at(last.id, last.createdAt)));
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<SyncRunView> get(@PathParam("id") String id) {
        return runs.findInTenant(caller.tenantId(), ProviderResource.parse(id)).chain(run -> {
            if (run == null) {
                throw ProblemException.notFound("The sync run");
            }
            return runs.errors(run.id, 500).map(errors -> SyncRunView.of(run, errors));
        });
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw bad("limit", "must be a whole number from 1 to 100");
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw bad(field, "must be a provider id");
        }
    }

    private static ProblemException bad(String field, String message) {
        return new ProblemException(Problem.of("invalid-query", "Bad Request", 400, "Some parameters are invalid")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}

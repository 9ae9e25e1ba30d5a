package com.keystone.crm.property.rest;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.property.domain.SyncRun;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Sync runs of the admin's tenant, newest first: /api/v1/mls/sync-runs, detail with its errors. */
@Path("/api/v1/mls/sync-runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class SyncRunResource {
    private final SyncRunRepository runs;
    private final Caller caller;

    public SyncRunResource(SyncRunRepository runs, Caller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    public record SyncRunPage(List<SyncRunView> items, String nextCursor) {
    }

    @GET
    @WithSession
    public Uni<SyncRunPage> list(@QueryParam("providerId") String providerId, @QueryParam("limit") String limit,
                                 @QueryParam("cursor") String cursor) {
        int n = limit(limit);
        UUID provider = providerId == null || providerId.isBlank() ? null : uuid("providerId", providerId);
        Instant at = null;
        UUID after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                at = Instant.parse(parts[0]);
                after = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw bad("cursor", "not a cursor this API returned");
            }
        }
        return runs.page(caller.tenantId(), provider, at, after, n + 1).map(list -> {
            List<SyncRunView> items = list.stream().limit(n).map(r -> SyncRunView.of(r, null)).toList();
            String next = null;
            if (list.size() > n) {
                SyncRun last = list.get(n - 1);
                next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        (last.createdAt + "|" + last.id).getBytes(StandardCharsets.UTF_8));
            }
            return new SyncRunPage(items, next);
        });
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

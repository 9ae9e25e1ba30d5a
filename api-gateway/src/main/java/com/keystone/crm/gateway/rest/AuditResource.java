package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.domain.AuditEvent;
import com.keystone.crm.gateway.service.AuditLog;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** The tenant's audit log, newest first, for its admins. */
@Path("/api/v1/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class AuditResource {
    private final AuditLog audit;
    private final Caller caller;

    public AuditResource(AuditLog audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    public record AuditEventView(String id, Instant at, String action, String actorId, String targetId, String ip, String detail) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id.toString(), e.at, e.action, e.actorId, e.targetId, e.ip, e.detail);
        }
    }

    @GET
    public Uni<List<AuditEventView>> list(@QueryParam("action") String action, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ProblemException.badRequest("invalid-limit", "limit must be 1 to 500");
        }
        return audit.newestFirst(caller.tenantId(), action, size).map(all -> all.stream().map(AuditEventView::of).toList());
    }
}

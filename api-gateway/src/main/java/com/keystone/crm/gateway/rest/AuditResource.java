package com.keystone.crm.gateway.rest;

import com.keystone.crm.gateway.domain.AuditEvent;
import com.keystone.crm.gateway.service.AuditLog;
import com.keystone.crm.platform.chassis.problem.Problem;
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
import java.util.regex.Pattern;

/**
 * The tenant's one audit, newest first, for its admins: the gateway's security events (source {@code api-gateway}) and
 * the services' data access (lead reassignment, imports, deletions: source = the service), filtered by {@code source}
 * ({@code security}, {@code data-access} or a service name) and {@code action}.
 */
@Path("/api/v1/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class AuditResource {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    private final AuditLog audit;
    private final Caller caller;

    public AuditResource(AuditLog audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    public record AuditEventView(String id, Instant at, String source, String action, String actorId, String targetId, String ip,
                                 String userAgent, String requestId, String detail) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id.toString(), e.at, e.source, e.action, e.actorId, e.targetId, e.ip, e.userAgent,
                    e.requestId, e.detail);
        }
    }

    @GET
    public Uni<List<AuditEventView>> list(@QueryParam("action") String action, @QueryParam("source") String source,
                                          @QueryParam("limit") String limit) {
        int size = 50;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
        }
        if (size < 1 || size > 500) {
            throw invalid("limit", "must be a whole number from 1 to 500");
        }
        if (action != null && !NAME.matcher(action).matches()) {
            throw invalid("action", "must be an action name such as login.failed or lead.deleted");
        }
        AuditLog.Scope scope = AuditLog.Scope.ALL;
        String service = null;
        if (source != null) {
            switch (source) {
                case "security" -> scope = AuditLog.Scope.SECURITY;
                case "data-access" -> scope = AuditLog.Scope.DATA_ACCESS;
                default -> {
                    if (!NAME.matcher(source).matches()) {
                        throw invalid("source", "must be security, data-access or a service name");
                    }
                    scope = AuditLog.Scope.SERVICE;
                    service = source;
                }
            }
        }
        return audit.newestFirst(caller.tenantId(), action, scope, service, size)
                .map(all -> all.stream().map(AuditEventView::of).toList());
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("invalid-parameter", "Bad Request", 400, field + " " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}

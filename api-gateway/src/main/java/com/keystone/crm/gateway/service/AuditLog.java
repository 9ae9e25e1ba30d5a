package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.domain.AuditEvent;
import com.keystone.crm.gateway.repository.AuditEventRepository;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import com.keystone.crm.platform.contracts.events.AuditRecorded;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Appends security events; admins read their tenant's, newest first. Each one recorded also counts in
 * {@code crm_audit_events_total{action}} (logins succeeded, failed and locked out, admin actions).
 */
@ApplicationScoped
public class AuditLog {
    public static final String LOGIN_SUCCEEDED = "login.succeeded";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String LOGIN_LOCKED = "login.locked";
    public static final String LOGOUT = "logout";
    public static final String FAMILY_REVOKED = "token-family.revoked";
    public static final String USER_CREATED = "user.created";
    public static final String ROLES_CHANGED = "user.roles-changed";
    public static final String TEAM_CHANGED = "user.team-changed";
    public static final String USER_DEACTIVATED = "user.deactivated";
    public static final String TEAM_CREATED = "team.created";
    public static final String KEY_ROTATED = "signing-key.rotated";
    public static final String TOTP_RESET = "totp.reset";
    public static final String RECOVERY_CODES_GENERATED = "totp.recovery-codes-generated";
    public static final String RECOVERY_CODE_USED = "totp.recovery-code-used";

    private final AuditEventRepository events;
    private final CrmClock clock;
    private final MeterRegistry metrics;

    public AuditLog(AuditEventRepository events, CrmClock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
    }

    /** Appends in the caller's transaction. */
    public Uni<Void> record(String tenantId, String action, String actorId, String targetId, String ip, String detail) {
        AuditEvent e = new AuditEvent();
        e.id = UUID.randomUUID();
        e.tenantId = tenantId;
        e.at = clock.now();
        e.action = action;
        e.actorId = actorId;
        e.targetId = targetId;
        e.ip = ip;
        e.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        return events.persist(e)
                .invoke(() -> metrics.counter("crm.audit.events", "action", action).increment())
                .replaceWithVoid();
    }

    /** Appends in a transaction of its own (a failed login has no other change to commit). */
    public Uni<Void> recordAlone(String tenantId, String action, String actorId, String targetId, String ip, String detail) {
        return Panache.withTransaction(() -> record(tenantId, action, actorId, targetId, ip, detail));
    }

    /**
     * A data access a service audited (audit.recorded, issue #10 item 4), kept beside the security audit, in the consumer's
     * transaction. The audit id is the row id, so the same record delivered under another event id is stored once.
     */
    public Uni<Void> recordDataAccess(AuditRecorded r) {
        return events.findById(r.getAuditId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            AuditEvent e = new AuditEvent();
            e.id = r.getAuditId();
            e.tenantId = r.getTenantId();
            e.at = r.getOccurredAt();
            e.action = r.getAction();
            e.actorId = r.getActorId();
            e.targetId = r.getTargetId();
            e.ip = r.getClientIp();
            e.source = r.getService();
            e.userAgent = r.getUserAgent();
            e.requestId = r.getRequestId();
            StringBuilder detail = new StringBuilder();
            if (r.getMethod() != null) {
                detail.append(r.getMethod()).append(' ').append(r.getPath()).append(" -> ").append(r.getStatus());
            }
            if (r.getPeerIp() != null && !r.getPeerIp().equals(r.getClientIp())) {
                detail.append(detail.length() > 0 ? "; " : "").append("peer ").append(r.getPeerIp());
            }
            e.detail = detail.length() == 0 ? null : detail.length() <= 1000 ? detail.toString() : detail.substring(0, 1000);
            return events.persist(e)
                    .invoke(() -> metrics.counter("crm.audit.events", "action", e.action).increment())
                    .replaceWithVoid();
        });
    }

    /** Which entries: every one, the gateway's security audit, the services' data access, or one service's. */
    public enum Scope {
        ALL, SECURITY, DATA_ACCESS, SERVICE
    }

    @WithSession
    public Uni<List<AuditEvent>> newestFirst(String tenantId, String action, int limit) {
        return newestFirst(tenantId, action, Scope.ALL, null, limit);
    }

    @WithSession
    public Uni<List<AuditEvent>> newestFirst(String tenantId, String action, Scope scope, String service, int limit) {
        Sort sort = Sort.descending("at", "id");
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Parameters params = Parameters.with("tenant", tenantId);
        if (action != null) {
            where.append(" and action = :action");
            params.and("action", action);
        }
        switch (scope) {
            case SECURITY -> where.append(" and source = '" + GATEWAY + "'");
            case DATA_ACCESS -> where.append(" and source <> '" + GATEWAY + "'");
            case SERVICE -> {
                where.append(" and source = :source");
                params.and("source", service);
            }
            case ALL -> { }
        }
        return events.find(where.toString(), sort, params).page(Page.ofSize(limit)).list();
    }

    static final String GATEWAY = "api-gateway";
}

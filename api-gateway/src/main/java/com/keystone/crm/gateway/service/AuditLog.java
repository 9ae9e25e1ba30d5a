package com.keystone.crm.gateway.service;

import com.keystone.crm.gateway.domain.AuditEvent;
import com.keystone.crm.gateway.repository.AuditEventRepository;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
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

    @WithSession
    public Uni<List<AuditEvent>> newestFirst(String tenantId, String action, int limit) {
        Sort sort = Sort.descending("at", "id");
        return (action == null
                ? events.find("tenantId", sort, tenantId)
                : events.find("tenantId = ?1 and action = ?2", sort, tenantId, action))
                .page(Page.ofSize(limit)).list();
    }
}

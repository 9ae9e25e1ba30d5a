package com.keystone.crm.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One security-relevant action: a login, a revoked token family, a role change, a user admin action. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(nullable = false)
    public Instant at;
    @Column(nullable = false)
    public String action;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "target_id")
    public String targetId;
    public String ip;
    public String detail;
    /** api-gateway for its security audit; the recording service for a data access (audit.recorded). */
    @Column(nullable = false)
    public String source = "api-gateway";
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "request_id")
    public String requestId;
}

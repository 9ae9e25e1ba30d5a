package com.keystone.crm.platform.chassis.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Test-only effect of a consumed lead.scored event: one row per application. */
@Entity
@Table(name = "applied_score")
public class AppliedScore extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Column(name = "lead_id", nullable = false)
    public String leadId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(nullable = false)
    public BigDecimal score;
    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;
}

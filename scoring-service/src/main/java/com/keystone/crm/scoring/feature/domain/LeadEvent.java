package com.keystone.crm.scoring.feature.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One consumed event about a lead, kept as it was: the append-only history features are folded from. */
@Entity
@Table(name = "lead_event")
public class LeadEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(nullable = false)
    public String type;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
    @Column(nullable = false)
    public String payload;
}

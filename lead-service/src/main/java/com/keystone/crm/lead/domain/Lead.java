package com.keystone.crm.lead.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A lead (a person a brokerage may do business with), scoped to a tenant. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String email;
    public String phone;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadSource source;
    @Enumerated(EnumType.STRING)
    public LeadType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadStatus status;
    @Column(name = "assigned_agent_id")
    public String assignedAgentId;
    @Column(name = "team_id")
    public String teamId;
    public String timezone;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "score")
    public BigDecimal score;
    @Column(name = "score_tier")
    public String scoreTier;
    @Column(name = "score_model_version")
    public String scoreModelVersion;
    @Column(name = "scored_at")
    public Instant scoredAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Version
    public long version;
}

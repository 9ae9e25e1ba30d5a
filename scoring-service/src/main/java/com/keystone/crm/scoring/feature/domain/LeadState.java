package com.keystone.crm.scoring.feature.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What scoring needs to know of a lead now: who may see it, its status and version, whether it still exists. */
@Entity
@Table(name = "lead_state")
public class LeadState extends PanacheEntityBase {
    @Id
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "assigned_agent_id")
    public String assignedAgentId;
    @Column(name = "team_id")
    public String teamId;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "lead_version", nullable = false)
    public long leadVersion;
    @Column(nullable = false)
    public boolean deleted;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

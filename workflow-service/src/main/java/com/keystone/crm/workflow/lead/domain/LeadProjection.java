package com.keystone.crm.workflow.lead.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What workflow-service knows of a lead, kept from lead-service's, scoring-service's and notification-service's
 * events: the input of triggers, branch conditions, waits (time zone) and exits. Lead fields are taken only from an
 * event whose lead version is newer than {@link #leadVersion}; scores likewise by {@link #scoreVersion}.
 */
@Entity
@Table(name = "lead_projection")
public class LeadProjection extends PanacheEntityBase {
    @Id
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    public String status;
    public String source;
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] tags = new String[0];
    public Double score;
    public String tier;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Boolean> consent;
    /** The lead's other fields conditions may read (firstName, lastName, type, timeframe, budget, areas). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> fields;
    @Column(name = "assigned_agent_id")
    public String assignedAgentId;
    @Column(name = "team_id")
    public String teamId;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    @Column(name = "last_activity_type")
    public String lastActivityType;
    @Column(name = "replied_at")
    public Instant repliedAt;
    @Column(nullable = false)
    public boolean deleted;
    @Column(name = "lead_version", nullable = false)
    public long leadVersion;
    @Column(name = "score_version", nullable = false)
    public long scoreVersion;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** When lead-service created the lead (lead.created's occurredAt); null until that event arrived. */
    @Column(name = "lead_created_at")
    public Instant leadCreatedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

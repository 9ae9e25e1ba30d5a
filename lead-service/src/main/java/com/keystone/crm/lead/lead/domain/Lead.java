package com.keystone.crm.lead.lead.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OptimisticLock;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
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
    /**
     * When anything the app sees of the lead last changed (the delta sync's updatedSince reads it), including the
     * score and the last activity time. Not part of the optimistic lock: such background changes must not make an
     * agent's ETag stale; an agent's edit changes other columns, which do count.
     */
    @OptimisticLock(excluded = true)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    // scores and activity times arrive from events and do not count as edits: an agent's ETag stays valid
    @OptimisticLock(excluded = true)
    @Column(name = "score")
    public BigDecimal score;
    @OptimisticLock(excluded = true)
    @Column(name = "score_tier")
    public String scoreTier;
    @OptimisticLock(excluded = true)
    @Column(name = "score_model_version")
    public String scoreModelVersion;
    @OptimisticLock(excluded = true)
    @Column(name = "scored_at")
    public Instant scoredAt;
    /**
     * The model's top reasons for the score as lead.scored carried them, under "reasons" (Hibernate Reactive maps
     * JSON columns to objects, not to top-level arrays).
     */
    @OptimisticLock(excluded = true)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "score_reasons")
    public Map<String, Object> scoreReasons;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** Every email, normalised, the primary first (email repeats it). */
    @Column(columnDefinition = "text[]")
    public String[] emails = new String[0];
    /** Every phone in E.164, the primary first (phone repeats it). */
    @Column(columnDefinition = "text[]")
    public String[] phones = new String[0];
    public String city;
    @Column(name = "postal_code")
    public String postalCode;
    @Column(name = "property_type")
    public String propertyType;
    @Column(name = "budget_min")
    public BigDecimal budgetMin;
    @Column(name = "budget_max")
    public BigDecimal budgetMax;
    @Column(name = "preferred_areas", columnDefinition = "text[]")
    public String[] preferredAreas = new String[0];
    @Enumerated(EnumType.STRING)
    public Timeframe timeframe;
    @Column(columnDefinition = "text[]")
    public String[] tags = new String[0];
    @Column(name = "consent_email")
    public Boolean consentEmail;
    @Column(name = "consent_sms")
    public Boolean consentSms;
    @Column(name = "consent_call")
    public Boolean consentCall;
    @Column(name = "consent_push")
    public Boolean consentPush;
    /** Fields an agent set by hand: lead ingestion fills empty fields but never overwrites these. */
    @OptimisticLock(excluded = true)
    @Column(name = "agent_edited_fields", columnDefinition = "text[]")
    public String[] agentEditedFields = new String[0];
    @Column(name = "merged_into_lead_id")
    public UUID mergedIntoLeadId;
    @OptimisticLock(excluded = true)
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    /** A change the app must pick up in its delta sync (a score, an activity) that is no agent edit. */
    public void touched(Instant now) {
        if (updatedAt == null || now.isAfter(updatedAt)) {
            updatedAt = now;
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The aggregate version events and ETags carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }
    @Version
    public long version;
}

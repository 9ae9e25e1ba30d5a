package com.keystone.crm.scoring.score.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lead's latest score, and what was last published as lead.scored (to publish only material changes). */
@Entity
@Table(name = "lead_score")
public class LeadScore extends PanacheEntityBase {
    @Id
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public long version;
    @Column(nullable = false)
    public double score;
    @Column(nullable = false)
    public String tier;
    @Column(name = "model_version", nullable = false)
    public String modelVersion;
    public String variant;
    @Column(nullable = false)
    public boolean fallback;
    /** The top reasons as JSON. */
    @Column(nullable = false)
    public String reasons;
    @Column(name = "lead_version")
    public Long leadVersion;
    @Column(name = "scored_at", nullable = false)
    public Instant scoredAt;
    @Column(name = "published_score")
    public Double publishedScore;
    @Column(name = "published_tier")
    public String publishedTier;
    @Column(name = "published_model")
    public String publishedModel;
}

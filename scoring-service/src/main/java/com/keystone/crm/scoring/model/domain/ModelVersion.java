package com.keystone.crm.scoring.model.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One trained model in the registry: its bytes, features, training window, data hash, metrics and card. */
@Entity
@Table(name = "model_version")
public class ModelVersion extends PanacheEntityBase {
    public static final String CANDIDATE = "candidate";
    public static final String CHAMPION = "champion";
    public static final String RETIRED = "retired";
    /** Serves a share of the leads beside the champion (A/B test); at most one per tenant. */
    public static final String CHALLENGER = "challenger";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public int version;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String algorithm;
    @Column(nullable = false)
    public String status;
    /** Passed the minimum-data gate: may serve. */
    @Column(nullable = false)
    public boolean eligible;
    @Column(name = "training_run_id")
    public UUID trainingRunId;
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] features;
    @Column(name = "window_from")
    public String windowFrom;
    @Column(name = "window_to")
    public String windowTo;
    @Column(name = "data_hash", nullable = false)
    public String dataHash;
    @Column(name = "holdout_auc")
    public Double holdoutAuc;
    /** JSON: every candidate's figures. */
    @Column(nullable = false)
    public String metrics;
    /** JSON: the model card. */
    @Column(nullable = false)
    public String card;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "model_bytes", nullable = false)
    public byte[] modelBytes;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "promoted_at")
    public Instant promotedAt;
    @Column(name = "previous_champion_id")
    public UUID previousChampionId;
    /** A challenger's share of the leads (0-1), chosen when the test started. */
    @Column(name = "traffic_share")
    public Double trafficShare;
    /** JSON: the training distributions of its features and scores (drift is measured against them). */
    public String baseline;
}

package com.keystone.crm.scoring.drift.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One recorded scheduled check of a tenant: drift, calibration, whether it alerted and the run it queued. */
@Entity
@Table(name = "drift_check")
public class DriftCheck extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;
    @Column(name = "model_name")
    public String modelName;
    @Column(nullable = false)
    public boolean alert;
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] drifted = new String[0];
    /** JSON: the drift report, the calibration report, the retraining decision. */
    @Column(nullable = false)
    public String report;
    @Column(name = "training_run_id")
    public UUID trainingRunId;
}

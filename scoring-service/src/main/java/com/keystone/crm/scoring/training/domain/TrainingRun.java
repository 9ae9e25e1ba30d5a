package com.keystone.crm.scoring.training.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One training run: queued, run by the training worker (leased), succeeded with a result or failed with a reason. */
@Entity
@Table(name = "training_run")
public class TrainingRun extends PanacheEntityBase {
    public static final String SOURCE_SET = "training-set";
    public static final String SOURCE_EVENTS = "events";
    /** Why the run was started: an admin asked, the weekly schedule, or a drift alert of the scheduled check. */
    public static final String TRIGGER_MANUAL = "manual";
    public static final String TRIGGER_SCHEDULED = "scheduled";
    public static final String TRIGGER_DRIFT = "drift";

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String source;
    @Column(name = "training_set_id")
    public UUID trainingSetId;
    @Column(name = "allow_leakage", columnDefinition = "text[]", nullable = false)
    public String[] allowLeakage = new String[0];
    @Column(nullable = false)
    public String status;
    /** manual, scheduled or drift: only a manual run's model may replace a serving champion by itself. */
    @Column(nullable = false)
    public String trigger = TRIGGER_MANUAL;
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(nullable = false)
    public int attempts;
    /** JSON of the run's result (report, gate, candidates, guards). */
    public String result;
    /** JSON problem of a failed run. */
    public String error;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
}

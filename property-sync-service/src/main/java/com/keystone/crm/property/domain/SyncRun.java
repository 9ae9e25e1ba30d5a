package com.keystone.crm.property.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One sync of one provider; counters and state are advanced by the engine's native updates. */
@Entity
@Table(name = "sync_run")
public class SyncRun extends PanacheEntityBase {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";

    @Id
    public UUID id;
    @Column(name = "provider_id")
    public UUID providerId;
    @Column(name = "tenant_id")
    public String tenantId;
    public Long seq;
    public String mode;
    public String trigger;
    public String state;
    public int attempts;
    @Column(name = "since_watermark")
    public Instant sinceWatermark;
    public Instant watermark;
    @Column(name = "records_fetched")
    public long recordsFetched;
    @Column(name = "records_changed")
    public long recordsChanged;
    @Column(name = "records_unchanged")
    public long recordsUnchanged;
    @Column(name = "records_removed")
    public long recordsRemoved;
    @Column(name = "photos_queued")
    public long photosQueued;
    @Column(name = "error_count")
    public long errorCount;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

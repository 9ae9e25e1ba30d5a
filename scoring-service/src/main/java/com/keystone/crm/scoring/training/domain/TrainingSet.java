package com.keystone.crm.scoring.training.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An uploaded history: the file as sent, what the uploader said about it (spec) and the data report. */
@Entity
@Table(name = "training_set")
public class TrainingSet extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "file_name")
    public String fileName;
    @Column(nullable = false)
    public String sha256;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] content;
    /** JSON of the TableSpec. */
    @Column(nullable = false)
    public String spec;
    /** JSON of the DataReport. */
    @Column(nullable = false)
    public String report;
}

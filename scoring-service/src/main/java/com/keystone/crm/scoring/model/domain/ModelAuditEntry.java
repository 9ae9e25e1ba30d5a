package com.keystone.crm.scoring.model.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Who promoted, rolled back or changed what, when. */
@Entity
@Table(name = "model_audit")
public class ModelAuditEntry extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(nullable = false)
    public String action;
    @Column(nullable = false)
    public String actor;
    @Column(nullable = false)
    public Instant at;
    public String detail;
}

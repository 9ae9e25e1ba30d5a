package com.keystone.crm.notification.consent.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change of the suppression list: who added or removed which entry, when, and why. */
@Entity
@Table(name = "suppression_audit")
public class SuppressionAudit extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String channel;
    @Column(nullable = false)
    public String address;
    @Column(nullable = false)
    public String purpose;
    @Column(nullable = false)
    public String action;
    @Column(nullable = false)
    public String source;
    @Column(nullable = false)
    public String actor;
    @Column(nullable = false)
    public Instant at;
}

package com.keystone.crm.platform.chassis.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Test-only effect of a lead.status-changed event consumed in a batch: one row per application. */
@Entity
@Table(name = "applied_status")
public class AppliedStatus extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(name = "to_status", nullable = false)
    public String toStatus;
    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;
}

package com.keystone.crm.scoring.schedule.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** When a tenant's next scheduled check is due, and its own cron if it set one. */
@Entity
@Table(name = "scoring_schedule")
public class TenantSchedule extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    /** Null: the configured default (crm.scoring.schedule.cron). */
    public String cron;
    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;
    @Column(name = "last_check_at")
    public Instant lastCheckAt;
}

package com.keystone.crm.scoring.policy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant's stored policy (JSON), versioned for If-Match. */
@Entity
@Table(name = "scoring_policy")
public class PolicyRow extends PanacheEntityBase {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(nullable = false)
    public String policy;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package com.keystone.crm.lead.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A brokerage this service has heard of (through its users' events); requests from other tenants are refused. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;
}

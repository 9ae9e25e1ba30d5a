package com.keystone.crm.lead.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user of a tenant as this service knows it, projected from the gateway's user.created/user.updated events. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "team_id")
    public String teamId;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    /** Comma-separated roles. */
    public String roles;
    public boolean active;
    /** The user aggregate's version of the last applied event. */
    @Column(name = "user_version", nullable = false)
    public long userVersion;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

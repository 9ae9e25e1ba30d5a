package com.keystone.crm.lead.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Whether an agent takes new leads from routing (a vacation pause); an agent without a row is available. */
@Entity
@Table(name = "agent_availability")
public class AgentAvailability extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public boolean paused;
    /** The pause ends by itself at this instant; null while paused means until switched off. */
    @Column(name = "paused_until")
    public Instant pausedUntil;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    /** Paused at that instant: switched on, and its end (if any) not reached. */
    public boolean pausedAt(Instant now) {
        return paused && (pausedUntil == null || now.isBefore(pausedUntil));
    }

    public long aggregateVersion() {
        return version + 1;
    }
}

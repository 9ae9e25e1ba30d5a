package com.keystone.crm.lead.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.OptimisticLock;

import java.time.Instant;
import java.util.UUID;

/** A named set of agents of a tenant that routing rules hand leads to in turn (members: {@link AgentGroupMember}). */
@Entity
@Table(name = "agent_group")
public class AgentGroup extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String name;
    @Convert(converter = AgentGroupStrategyConverter.class)
    @Column(nullable = false)
    public AgentGroupStrategy strategy;
    /**
     * Round-robin cursor. Routing state, not configuration: excluded from the version so that routing a lead does
     * not invalidate the ETag an admin holds for the group.
     */
    @OptimisticLock(excluded = true)
    @Column(name = "last_agent_id")
    public String lastAgentId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    /** The version ETags carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}

package com.keystone.crm.lead.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.OptimisticLock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One of a tenant's ordered routing rules: criteria on the new lead (an empty criterion matches every lead) and
 * the agent or group that gets it. The first matching rule with someone available wins; the catch-all is last.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(nullable = false)
    public String name;
    /** 1-based place in the evaluation order; a property of the list, so reordering does not change the ETag. */
    @OptimisticLock(excluded = true)
    @Column(nullable = false)
    public int position;
    @Column(name = "catch_all", nullable = false)
    public boolean catchAll;
    /** Lead source wire names (zillow, website, ...). */
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] sources = new String[0];
    /** Lead type wire names (buyer, seller, ...). */
    @Column(name = "lead_types", columnDefinition = "text[]", nullable = false)
    public String[] leadTypes = new String[0];
    @Column(name = "price_min")
    public BigDecimal priceMin;
    @Column(name = "price_max")
    public BigDecimal priceMax;
    @Column(name = "postal_codes", columnDefinition = "text[]", nullable = false)
    public String[] postalCodes = new String[0];
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] cities = new String[0];
    @Column(name = "property_types", columnDefinition = "text[]", nullable = false)
    public String[] propertyTypes = new String[0];
    @Column(name = "target_agent_id")
    public String targetAgentId;
    @Column(name = "target_group_id")
    public UUID targetGroupId;
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

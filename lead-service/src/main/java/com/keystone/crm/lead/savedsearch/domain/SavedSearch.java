package com.keystone.crm.lead.savedsearch.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead's saved listing search: criteria on RESO Data Dictionary fields, matched against the tenant's
 * property.updated events. List criteria are stored as entered (RESO names for types and statuses); an empty list
 * or a null bound means "any".
 */
@Entity
@Table(name = "saved_search")
public class SavedSearch extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(nullable = false)
    public String name;
    /** RESO City values. */
    @Column(columnDefinition = "text[]")
    public String[] cities = new String[0];
    /** RESO PostalCode values. */
    @Column(name = "postal_codes", columnDefinition = "text[]")
    public String[] postalCodes = new String[0];
    /** Bounds on RESO ListPrice, inclusive. */
    @Column(name = "min_price")
    public BigDecimal minPrice;
    @Column(name = "max_price")
    public BigDecimal maxPrice;
    /** Minimum RESO BedroomsTotal. */
    @Column(name = "min_bedrooms")
    public Integer minBedrooms;
    /** Minimum RESO BathroomsTotalInteger. */
    @Column(name = "min_bathrooms")
    public Integer minBathrooms;
    /** RESO PropertyType names. */
    @Column(name = "property_types", columnDefinition = "text[]")
    public String[] propertyTypes = new String[0];
    /** RESO StandardStatus names; never empty (Active unless the agent chose otherwise). */
    @Column(name = "standard_statuses", columnDefinition = "text[]")
    public String[] standardStatuses = new String[0];
    /** The location criteria normalised for matching (see SavedSearchLocationKeys). */
    @Column(name = "location_keys", columnDefinition = "text[]")
    public String[] locationKeys = new String[0];
    /** False while paused: kept and shown, but not matched. */
    public boolean active;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** Set by DELETE: the search is no longer matched nor shown. */
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Version
    public long version;

    /** The version ETags carry (the JPA version counts from 0). */
    public long aggregateVersion() {
        return version + 1;
    }
}

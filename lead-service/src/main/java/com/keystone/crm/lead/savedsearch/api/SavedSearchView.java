package com.keystone.crm.lead.savedsearch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.keystone.crm.lead.savedsearch.domain.SavedSearch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A saved search as the app sees it; {@code deletedAt} only appears on the tombstones of an updatedSince list. */
public record SavedSearchView(UUID id, UUID leadId, String name, List<String> cities, List<String> postalCodes,
                              BigDecimal minPrice, BigDecimal maxPrice, Integer minBedrooms, Integer minBathrooms,
                              List<String> propertyTypes, List<String> standardStatuses, boolean active,
                              String createdBy, Instant createdAt, Instant updatedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt, long version) {

    public static SavedSearchView of(SavedSearch s) {
        return new SavedSearchView(s.id, s.leadId, s.name, List.of(s.cities), List.of(s.postalCodes), s.minPrice,
                s.maxPrice, s.minBedrooms, s.minBathrooms, List.of(s.propertyTypes), List.of(s.standardStatuses),
                s.active, s.createdBy, s.createdAt, s.updatedAt, s.deletedAt, s.aggregateVersion());
    }

    /** A strong entity tag from the version, for If-Match on PUT and DELETE. */
    public String etag() {
        return Long.toString(version);
    }
}

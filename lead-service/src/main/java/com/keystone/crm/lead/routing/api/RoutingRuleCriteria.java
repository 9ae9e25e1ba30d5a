package com.keystone.crm.lead.routing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a routing rule matches; every field is optional and an absent or empty one matches every lead. The price
 * range matches a lead whose budget overlaps it; postal codes and cities together are one area criterion.
 */
public record RoutingRuleCriteria(
        @Size(max = 20) List<@NotNull LeadSource> sources,
        @Size(max = 10) List<@NotNull LeadType> types,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal priceMin,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal priceMax,
        @Size(max = 500) List<@NotBlank @Size(max = 20) String> postalCodes,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> cities,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> propertyTypes) {

    public static final RoutingRuleCriteria NONE = new RoutingRuleCriteria(List.of(), List.of(), null, null, List.of(),
            List.of(), List.of());

    public RoutingRuleCriteria {
        sources = sources == null ? List.of() : sources;
        types = types == null ? List.of() : types;
        postalCodes = postalCodes == null ? List.of() : postalCodes;
        cities = cities == null ? List.of() : cities;
        propertyTypes = propertyTypes == null ? List.of() : propertyTypes;
    }

    @JsonIgnore
    @AssertTrue(message = "priceMin must not be above priceMax")
    public boolean isPriceRangeValid() {
        return priceMin == null || priceMax == null || priceMin.compareTo(priceMax) <= 0;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return sources.isEmpty() && types.isEmpty() && priceMin == null && priceMax == null && postalCodes.isEmpty()
                && cities.isEmpty() && propertyTypes.isEmpty();
    }
}

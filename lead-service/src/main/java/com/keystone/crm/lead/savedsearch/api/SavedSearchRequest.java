package com.keystone.crm.lead.savedsearch.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchListingStatus;
import com.keystone.crm.lead.savedsearch.domain.SavedSearchPropertyType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The body of POST /api/v1/leads/{id}/saved-searches and PUT /api/v1/saved-searches/{id}: criteria on RESO Data
 * Dictionary fields. {@code cities} (City) and {@code postalCodes} (PostalCode) are alternatives: a listing in any
 * of them is in the area. {@code minPrice}/{@code maxPrice} bound ListPrice (inclusive), {@code minBedrooms}
 * BedroomsTotal, {@code minBathrooms} BathroomsTotalInteger; {@code propertyTypes} (PropertyType) and
 * {@code standardStatuses} (StandardStatus, default Active) list the accepted RESO values. {@code active} pauses or
 * resumes the alerts (a new search is active; an update without it keeps the current value).
 */
public record SavedSearchRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 50) List<String> cities,
        @Size(max = 100) List<String> postalCodes,
        @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal minPrice,
        @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal maxPrice,
        @PositiveOrZero @Max(100) Integer minBedrooms,
        @PositiveOrZero @Max(100) Integer minBathrooms,
        List<SavedSearchPropertyType> propertyTypes,
        List<SavedSearchListingStatus> standardStatuses,
        Boolean active) {

    static final int MAX_CITY_LENGTH = 100;
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$");

    /** Absent lists are empty lists; the listing statuses default to Active, as agents expect of an alert. */
    public SavedSearchRequest {
        cities = cities == null ? List.of() : cities;
        postalCodes = postalCodes == null ? List.of() : postalCodes;
        propertyTypes = propertyTypes == null ? List.of() : propertyTypes;
        standardStatuses = standardStatuses == null || standardStatuses.isEmpty()
                ? List.of(SavedSearchListingStatus.ACTIVE) : standardStatuses;
    }

    /** A search of every listing of the tenant would alert on everything: it needs at least one criterion. */
    @JsonIgnore
    @AssertTrue(message = "needs at least one criterion: cities, postalCodes, minPrice, maxPrice, minBedrooms, "
            + "minBathrooms or propertyTypes")
    public boolean isCriteria() {
        return !cities.isEmpty() || !postalCodes.isEmpty() || minPrice != null || maxPrice != null
                || minBedrooms != null || minBathrooms != null || !propertyTypes.isEmpty();
    }

    @JsonIgnore
    @AssertTrue(message = "minPrice must not be greater than maxPrice")
    public boolean isPriceRangeValid() {
        return minPrice == null || maxPrice == null || minPrice.compareTo(maxPrice) <= 0;
    }

    @JsonIgnore
    @AssertTrue(message = "cities must be non-blank names of at most 100 characters")
    public boolean isCitiesValid() {
        return cities.stream().allMatch(c -> c != null && !c.isBlank() && c.trim().length() <= MAX_CITY_LENGTH);
    }

    @JsonIgnore
    @AssertTrue(message = "postalCodes must be postal codes such as 94610, 94610-1234 or K1A 0B1")
    public boolean isPostalCodesValid() {
        return postalCodes.stream().allMatch(p -> p != null && POSTAL_CODE.matcher(p.trim()).matches());
    }

    @JsonIgnore
    @AssertTrue(message = "propertyTypes and standardStatuses must not contain null")
    public boolean isListsWithoutNulls() {
        return propertyTypes.stream().allMatch(Objects::nonNull) && standardStatuses.stream().allMatch(Objects::nonNull);
    }
}

package com.keystone.crm.lead.savedsearch.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** RESO Data Dictionary PropertyType, as property.updated carries it; the wire value is the RESO name. */
public enum SavedSearchPropertyType {
    BUSINESS_OPPORTUNITY("Business Opportunity"),
    COMMERCIAL_LEASE("Commercial Lease"),
    COMMERCIAL_SALE("Commercial Sale"),
    FARM("Farm"),
    LAND("Land"),
    MANUFACTURED_IN_PARK("Manufactured In Park"),
    RESIDENTIAL("Residential"),
    RESIDENTIAL_INCOME("Residential Income"),
    RESIDENTIAL_LEASE("Residential Lease");

    private final String reso;

    SavedSearchPropertyType(String reso) {
        this.reso = reso;
    }

    @JsonValue
    public String reso() {
        return reso;
    }

    @JsonCreator
    public static SavedSearchPropertyType fromReso(String value) {
        return Arrays.stream(values()).filter(t -> t.reso.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown RESO PropertyType " + value));
    }
}

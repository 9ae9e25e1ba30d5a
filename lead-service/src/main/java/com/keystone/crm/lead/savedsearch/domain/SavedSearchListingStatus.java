package com.keystone.crm.lead.savedsearch.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** RESO Data Dictionary StandardStatus of a listing, as property.updated carries it; the wire value is the RESO name. */
public enum SavedSearchListingStatus {
    ACTIVE("Active"),
    ACTIVE_UNDER_CONTRACT("Active Under Contract"),
    CANCELED("Canceled"),
    CLOSED("Closed"),
    COMING_SOON("Coming Soon"),
    DELETE("Delete"),
    EXPIRED("Expired"),
    HOLD("Hold"),
    INCOMPLETE("Incomplete"),
    PENDING("Pending"),
    WITHDRAWN("Withdrawn");

    private final String reso;

    SavedSearchListingStatus(String reso) {
        this.reso = reso;
    }

    @JsonValue
    public String reso() {
        return reso;
    }

    @JsonCreator
    public static SavedSearchListingStatus fromReso(String value) {
        return Arrays.stream(values()).filter(s -> s.reso.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown RESO StandardStatus " + value));
    }
}

package com.keystone.crm.lead.lead.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What the lead wants to do. */
public enum LeadType {
    BUYER("buyer"), SELLER("seller"), RENTER("renter"), INVESTOR("investor");

    private final String wire;

    LeadType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LeadType fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lead type " + value));
    }
}

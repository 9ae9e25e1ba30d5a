package com.keystone.crm.lead.lead.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Where a lead came from. */
public enum LeadSource {
    ZILLOW("zillow"), REALTOR_COM("realtor-com"), WEBSITE("website"), OPEN_HOUSE("open-house"),
    REFERRAL("referral"), IMPORT("import"), MANUAL("manual"), OTHER("other");

    private final String wire;

    LeadSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LeadSource fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lead source " + value));
    }
}

package com.keystone.crm.lead.lead.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The lead pipeline; wire names are the kebab-case values of the event contracts. */
public enum LeadStatus {
    NEW("new"),
    ATTEMPTED_CONTACT("attempted-contact"),
    CONTACTED("contacted"),
    APPOINTMENT_SET("appointment-set"),
    ACTIVE_CLIENT("active-client"),
    UNDER_CONTRACT("under-contract"),
    CLOSED_WON("closed-won"),
    LOST("lost"),
    ARCHIVED("archived");

    private final String wire;

    LeadStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LeadStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lead status " + value));
    }
}

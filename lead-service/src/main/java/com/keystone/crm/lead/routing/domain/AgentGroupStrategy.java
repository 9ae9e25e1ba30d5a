package com.keystone.crm.lead.routing.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** How a group hands out leads: in turn, or in turn in proportion to each member's weight. */
public enum AgentGroupStrategy {
    ROUND_ROBIN("round-robin"), WEIGHTED_ROUND_ROBIN("weighted-round-robin");

    private final String wire;

    AgentGroupStrategy(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static AgentGroupStrategy fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown group strategy " + value));
    }
}

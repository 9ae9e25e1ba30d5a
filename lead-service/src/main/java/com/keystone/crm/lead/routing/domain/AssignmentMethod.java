package com.keystone.crm.lead.routing.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an assignment decision was made. The first four are the {@code method} values of {@code lead.assigned};
 * {@code unassigned} is a routing decision that found nobody available, kept in the history but never published.
 */
public enum AssignmentMethod {
    MANUAL("manual"), DIRECT("direct"), ROUND_ROBIN("round-robin"), WEIGHTED_ROUND_ROBIN("weighted-round-robin"),
    UNASSIGNED("unassigned");

    private final String wire;

    AssignmentMethod(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static AssignmentMethod of(AgentGroupStrategy strategy) {
        return strategy == AgentGroupStrategy.ROUND_ROBIN ? ROUND_ROBIN : WEIGHTED_ROUND_ROBIN;
    }
}

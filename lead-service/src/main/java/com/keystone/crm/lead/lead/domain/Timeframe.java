package com.keystone.crm.lead.lead.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** When the contact intends to buy, sell or move. */
public enum Timeframe {
    ZERO_TO_THREE_MONTHS("0-3-months"), THREE_TO_SIX_MONTHS("3-6-months"), SIX_TO_TWELVE_MONTHS("6-12-months"),
    TWELVE_PLUS_MONTHS("12-plus-months"), UNKNOWN("unknown");

    private final String wire;

    Timeframe(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Timeframe fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown timeframe " + value));
    }
}

package com.keystone.crm.lead.task.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The contract's taskPriority. */
public enum TaskPriority {
    LOW("low"), NORMAL("normal"), HIGH("high"), URGENT("urgent");

    private final String wire;

    TaskPriority(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static TaskPriority fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task priority " + value));
    }
}

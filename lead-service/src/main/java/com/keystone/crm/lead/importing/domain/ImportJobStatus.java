package com.keystone.crm.lead.importing.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a lead import job is: waiting for a worker, being imported, or finished either way. */
public enum ImportJobStatus {
    QUEUED("queued"), RUNNING("running"), COMPLETED("completed"), FAILED("failed");

    private final String wire;

    ImportJobStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}

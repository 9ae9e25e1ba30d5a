package com.keystone.crm.property.rest;

import jakarta.validation.constraints.Pattern;

/** An on-demand run; mode defaults to incremental (full when the provider was never synced). */
public record SyncRunRequest(
        @Pattern(regexp = "full|incremental|reconciliation", message = "must be full, incremental or reconciliation")
        String mode) {
}

package com.keystone.crm.property.service;

import com.keystone.crm.property.domain.Checkpoint;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.domain.SyncMode;
import com.keystone.crm.property.repository.RunCounts;

import java.time.Instant;
import java.util.UUID;

/** A run this worker holds the provider's lease for: what it must do and where it stood. */
public record ClaimedRun(UUID runId, Provider provider, long seq, SyncMode mode, String trigger, int attempts,
                         Instant startedAt, Instant sinceWatermark, Checkpoint checkpoint, RunCounts counts) {
    public UUID providerId() {
        return provider.id;
    }

    public String tenantId() {
        return provider.tenantId;
    }
}

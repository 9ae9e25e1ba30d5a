package com.keystone.crm.property.repository;

import java.time.Instant;
import java.util.UUID;

/** A claimed photo-copy task. */
public record PhotoTask(long id, UUID providerId, String tenantId, String mediaKey, String listingKey, int order,
                        String providerUrl, Instant modificationTimestamp, int attempts) {
    public PhotoTask withAttempts(int n) {
        return new PhotoTask(id, providerId, tenantId, mediaKey, listingKey, order, providerUrl, modificationTimestamp, n);
    }
}

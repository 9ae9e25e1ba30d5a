package com.keystone.crm.property.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * A claimed "list the media of this listing" task. photosChangeTimestamp: the listing's PhotosChangeTimestamp the task
 * was queued for.
 */
public record MediaListTask(long id, UUID providerId, String tenantId, String listingKey, Instant photosChangeTimestamp,
                            int attempts) {
}

package com.keystone.crm.property.client;

import java.time.Instant;

/** One RESO Media record of a listing: MediaKey, ResourceRecordKey, Order, MediaURL, MediaCategory, MediaModificationTimestamp. */
public record MlsMedia(String mediaKey, String listingKey, int order, String mediaUrl, String category,
                       Instant modificationTimestamp) {
}

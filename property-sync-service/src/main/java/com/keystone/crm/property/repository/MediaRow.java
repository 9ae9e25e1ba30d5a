package com.keystone.crm.property.repository;

import java.time.Instant;

/** A stored photo of a listing; s3Key is set once a copy of its current version landed. */
public record MediaRow(String listingKey, String mediaKey, int order, String category, String providerUrl,
                       Instant modificationTimestamp, String s3Key) {
}

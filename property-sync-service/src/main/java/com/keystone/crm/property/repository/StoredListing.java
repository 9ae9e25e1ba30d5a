package com.keystone.crm.property.repository;

import java.time.Instant;

/** What the engine needs of a stored listing to decide whether a fetched one changed. */
public record StoredListing(String listingKey, String contentHash, long version, String listingJson,
                            Instant photosChangeTimestamp, boolean removed) {
}

package com.keystone.crm.property.repository;

import java.time.Instant;

/** A stored listing locked while its listed media are written. */
public record LockedListing(String listingKey, long version, String listingJson, Instant photosChangeTimestamp,
                            boolean removed, String standardStatus) {
}

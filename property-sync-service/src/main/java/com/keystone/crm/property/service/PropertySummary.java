package com.keystone.crm.property.service;

import java.math.BigDecimal;
import java.time.Instant;

/** A listing in search results; photoUrl: the first photo (our copy once it landed, else the provider's URL). */
public record PropertySummary(String listingKey, String providerId, String listingId, String standardStatus,
                              String propertyType, BigDecimal listPrice, Integer bedroomsTotal,
                              Integer bathroomsTotalInteger, String city, String postalCode, String unparsedAddress,
                              Instant modificationTimestamp, Instant updatedAt, boolean removed, long version,
                              String photoUrl) {
}

package com.keystone.crm.lead.savedsearch.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The fields of a property.updated event (RESO Data Dictionary names, already checked against the contract; read by
 * the messaging side's PropertyUpdatedPayload) that saved searches match on and that a listing-match activity reports.
 */
public record ListingMatchListing(String listingKey, String tenantId, String providerId, String changeType,
                                  BigDecimal listPrice, BigDecimal previousListPrice, String standardStatus,
                                  String city, String postalCode, Integer bedroomsTotal,
                                  Integer bathroomsTotalInteger, String propertyType, String listingId,
                                  String unparsedAddress, Instant occurredAt) {
    public static final String CREATED = "created";

    /**
     * What a matching saved search should hear about: a listing seen for the first time (changeType created), or a
     * lower ListPrice than before. Any other change (a price increase, new photos, a status change) announces
     * nothing.
     */
    public Optional<ListingMatchReason> reason() {
        if (CREATED.equals(changeType)) {
            return Optional.of(ListingMatchReason.NEW_LISTING);
        }
        if (listPrice != null && previousListPrice != null && listPrice.compareTo(previousListPrice) < 0) {
            return Optional.of(ListingMatchReason.PRICE_DROP);
        }
        return Optional.empty();
    }

    /** How the listing is named in a timeline entry: its address, else its city and postal code, else its MLS number. */
    public String displayName() {
        if (unparsedAddress != null && !unparsedAddress.isBlank()) {
            return unparsedAddress;
        }
        String place = String.join(" ", java.util.stream.Stream.of(city, postalCode)
                .filter(s -> s != null && !s.isBlank()).toList());
        if (!place.isEmpty()) {
            return "a listing in " + place;
        }
        return "listing " + (listingId != null ? listingId : listingKey);
    }
}

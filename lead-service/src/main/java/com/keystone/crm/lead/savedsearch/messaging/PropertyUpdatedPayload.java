package com.keystone.crm.lead.savedsearch.messaging;

import com.keystone.crm.lead.savedsearch.domain.ListingMatchListing;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.platform.contracts.events.StandardStatus;

/** Reads a property.updated payload into the listing saved searches match on. */
public final class PropertyUpdatedPayload {
    private PropertyUpdatedPayload() {
    }

    public static ListingMatchListing listing(PropertyUpdated p) {
        return new ListingMatchListing(p.getListingKey(), p.getTenantId(), p.getProviderId(),
                p.getChangeType().value(), p.getListPrice(), p.getPreviousListPrice(), wire(p.getStandardStatus()),
                p.getCity(), p.getPostalCode(), integer(p.getBedroomsTotal()),
                integer(p.getBathroomsTotalInteger()), p.getPropertyType() == null ? null : p.getPropertyType().value(),
                p.getListingId(), p.getUnparsedAddress(), p.getOccurredAt());
    }

    private static String wire(StandardStatus status) {
        return status == null ? null : status.value();
    }

    private static Integer integer(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}

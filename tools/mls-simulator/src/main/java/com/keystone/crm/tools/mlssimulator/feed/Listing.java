package com.keystone.crm.tools.mlssimulator.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One listing of the feed, immutable: a mutation replaces it. Compact on purpose (10,000 of them in a benchmark);
 * photos are not held, only their count and version ({@link PhotoRenderer} draws them on request).
 * Lookup values are held as RESO enumeration names.
 */
public record Listing(
        String listingKey,
        String listingId,
        String retsClass,
        BigDecimal listPrice,
        BigDecimal originalListPrice,
        String standardStatus,
        String propertyType,
        String propertySubType,
        Integer bedroomsTotal,
        Integer bathroomsTotalInteger,
        Integer livingArea,
        BigDecimal lotSizeAcres,
        Integer yearBuilt,
        String streetNumber,
        String streetName,
        String city,
        String stateOrProvince,
        String postalCode,
        BigDecimal latitude,
        BigDecimal longitude,
        String publicRemarks,
        String listAgentKey,
        String listOfficeKey,
        List<String> appliances,
        Instant modificationTimestamp,
        Instant photosChangeTimestamp,
        int photosCount,
        int photoVersion,
        LocalDate listingContractDate) {

    public static final String ORIGINATING_SYSTEM = "KeystoneSimMLS";

    public String unparsedAddress() {
        return streetNumber + " " + streetName;
    }

    public String mediaKey(int order) {
        return listingKey + "-" + order;
    }

    public Listing withPrice(BigDecimal price, Instant at) {
        return new Listing(listingKey, listingId, retsClass, price, originalListPrice, standardStatus, propertyType,
                propertySubType, bedroomsTotal, bathroomsTotalInteger, livingArea, lotSizeAcres, yearBuilt,
                streetNumber, streetName, city, stateOrProvince, postalCode, latitude, longitude, publicRemarks,
                listAgentKey, listOfficeKey, appliances, at, photosChangeTimestamp, photosCount, photoVersion,
                listingContractDate);
    }

    public Listing withStatus(String status, Instant at) {
        return new Listing(listingKey, listingId, retsClass, listPrice, originalListPrice, status, propertyType,
                propertySubType, bedroomsTotal, bathroomsTotalInteger, livingArea, lotSizeAcres, yearBuilt,
                streetNumber, streetName, city, stateOrProvince, postalCode, latitude, longitude, publicRemarks,
                listAgentKey, listOfficeKey, appliances, at, photosChangeTimestamp, photosCount, photoVersion,
                listingContractDate);
    }

    public Listing withNewPhotos(Instant at) {
        return new Listing(listingKey, listingId, retsClass, listPrice, originalListPrice, standardStatus,
                propertyType, propertySubType, bedroomsTotal, bathroomsTotalInteger, livingArea, lotSizeAcres,
                yearBuilt, streetNumber, streetName, city, stateOrProvince, postalCode, latitude, longitude,
                publicRemarks, listAgentKey, listOfficeKey, appliances, at, at, photosCount, photoVersion + 1,
                listingContractDate);
    }

    public Listing touched(Instant at) {
        return new Listing(listingKey, listingId, retsClass, listPrice, originalListPrice, standardStatus,
                propertyType, propertySubType, bedroomsTotal, bathroomsTotalInteger, livingArea, lotSizeAcres,
                yearBuilt, streetNumber, streetName, city, stateOrProvince, postalCode, latitude, longitude,
                publicRemarks, listAgentKey, listOfficeKey, appliances, at, photosChangeTimestamp, photosCount,
                photoVersion, listingContractDate);
    }
}

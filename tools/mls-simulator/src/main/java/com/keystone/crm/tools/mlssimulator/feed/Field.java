package com.keystone.crm.tools.mlssimulator.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Property fields: RESO Data Dictionary name, the MLS-style RETS SystemName, kind, lookup and how to read it.
 * The RETS TABLE metadata carries the RESO name as StandardName.
 */
public enum Field {
    LISTING_KEY("ListingKey", "LIST_1", FieldKind.STRING, null, 20, Listing::listingKey),
    LISTING_ID("ListingId", "LIST_105", FieldKind.STRING, null, 20, Listing::listingId),
    LIST_PRICE("ListPrice", "LIST_22", FieldKind.DECIMAL, null, 14, Listing::listPrice),
    ORIGINAL_LIST_PRICE("OriginalListPrice", "LIST_21", FieldKind.DECIMAL, null, 14, Listing::originalListPrice),
    STANDARD_STATUS("StandardStatus", "LIST_15", FieldKind.LOOKUP, Lookup.STATUS, 3, Listing::standardStatus),
    PROPERTY_TYPE("PropertyType", "LIST_8", FieldKind.LOOKUP, Lookup.PROPERTY_TYPE, 3, Listing::propertyType),
    PROPERTY_SUB_TYPE("PropertySubType", "LIST_9", FieldKind.LOOKUP, Lookup.PROPERTY_SUB_TYPE, 3,
            Listing::propertySubType),
    BEDROOMS_TOTAL("BedroomsTotal", "LIST_66", FieldKind.INT, null, 3, Listing::bedroomsTotal),
    BATHROOMS_TOTAL_INTEGER("BathroomsTotalInteger", "LIST_67", FieldKind.INT, null, 3,
            Listing::bathroomsTotalInteger),
    LIVING_AREA("LivingArea", "LIST_48", FieldKind.INT, null, 7, Listing::livingArea),
    LOT_SIZE_ACRES("LotSizeAcres", "LIST_57", FieldKind.DECIMAL, null, 10, Listing::lotSizeAcres),
    YEAR_BUILT("YearBuilt", "LIST_53", FieldKind.INT, null, 4, Listing::yearBuilt),
    UNPARSED_ADDRESS("UnparsedAddress", "LIST_35", FieldKind.STRING, null, 255, Listing::unparsedAddress),
    STREET_NUMBER("StreetNumber", "LIST_30", FieldKind.STRING, null, 10, Listing::streetNumber),
    STREET_NAME("StreetName", "LIST_31", FieldKind.STRING, null, 50, Listing::streetName),
    CITY("City", "LIST_39", FieldKind.STRING, null, 50, Listing::city),
    STATE_OR_PROVINCE("StateOrProvince", "LIST_40", FieldKind.STRING, null, 2, Listing::stateOrProvince),
    POSTAL_CODE("PostalCode", "LIST_43", FieldKind.STRING, null, 10, Listing::postalCode),
    LATITUDE("Latitude", "LIST_46", FieldKind.DECIMAL, null, 12, Listing::latitude),
    LONGITUDE("Longitude", "LIST_47", FieldKind.DECIMAL, null, 12, Listing::longitude),
    PUBLIC_REMARKS("PublicRemarks", "LIST_78", FieldKind.STRING, null, 4000, Listing::publicRemarks),
    LIST_AGENT_KEY("ListAgentKey", "LIST_5", FieldKind.STRING, null, 20, Listing::listAgentKey),
    LIST_OFFICE_KEY("ListOfficeKey", "LIST_6", FieldKind.STRING, null, 20, Listing::listOfficeKey),
    APPLIANCES("Appliances", "LIST_94", FieldKind.LOOKUP_MULTI, Lookup.APPLIANCES, 64, Listing::appliances),
    MODIFICATION_TIMESTAMP("ModificationTimestamp", "LIST_87", FieldKind.TIMESTAMP, null, 25,
            Listing::modificationTimestamp),
    PHOTOS_CHANGE_TIMESTAMP("PhotosChangeTimestamp", "LIST_134", FieldKind.TIMESTAMP, null, 25,
            Listing::photosChangeTimestamp),
    PHOTOS_COUNT("PhotosCount", "LIST_133", FieldKind.INT, null, 3, Listing::photosCount),
    ORIGINATING_SYSTEM_NAME("OriginatingSystemName", "LIST_200", FieldKind.STRING, null, 50,
            l -> Listing.ORIGINATING_SYSTEM),
    LISTING_CONTRACT_DATE("ListingContractDate", "LIST_10", FieldKind.DATE, null, 10,
            Listing::listingContractDate);

    private static final Map<String, Field> BY_RESO = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Field::resoName, f -> f));
    private static final Map<String, Field> BY_SYSTEM = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Field::systemName, f -> f));

    private final String resoName;
    private final String systemName;
    private final FieldKind kind;
    private final Lookup lookup;
    private final int maxLength;
    private final Function<Listing, Object> getter;

    Field(String resoName, String systemName, FieldKind kind, Lookup lookup, int maxLength,
            Function<Listing, Object> getter) {
        this.resoName = resoName;
        this.systemName = systemName;
        this.kind = kind;
        this.lookup = lookup;
        this.maxLength = maxLength;
        this.getter = getter;
    }

    public String resoName() { return resoName; }
    public String systemName() { return systemName; }
    public FieldKind kind() { return kind; }
    public Lookup lookup() { return lookup; }
    public int maxLength() { return maxLength; }

    public Object valueOf(Listing listing) {
        return getter.apply(listing);
    }

    public static Optional<Field> byResoName(String name) {
        return Optional.ofNullable(BY_RESO.get(name));
    }

    public static Optional<Field> bySystemName(String name) {
        return Optional.ofNullable(BY_SYSTEM.get(name));
    }

    public static List<Field> all() {
        return List.of(values());
    }
}

package com.keystone.crm.property.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One listing normalised to RESO Data Dictionary names. Field values are String, java.math.BigDecimal, Long,
 * Boolean, java.time.LocalDate, java.time.Instant or List&lt;String&gt; (decoded multi-value lookups); lookups are
 * decoded to their RESO display values (StandardStatus "Active Under Contract", PropertyType "Residential").
 * {@code media} is null when the provider did not return media with the record (fetch it with
 * {@link MlsProvider#media(String)} when PhotosChangeTimestamp moved).
 */
public record MlsListing(String listingKey, Instant modificationTimestamp, Instant photosChangeTimestamp,
                         Map<String, Object> fields, List<MlsMedia> media) {
}

package com.keystone.crm.property.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One listing normalised to RESO Data Dictionary names. Field values are String, java.math.BigDecimal, Long,
 * Boolean, java.time.LocalDate, java.time.Instant or List&lt;String&gt; (decoded multi-value lookups); lookups are
 * decoded to their RESO display values (StandardStatus "Active Under Contract", PropertyType "Residential").
 * {@code media} is null when the provider did not return media with the record (fetch it with
 * {@link MlsProvider#media(String)} when PhotosChangeTimestamp moved). {@code problems}: values the client could not
 * type (each naming the field, its source and the raw value); such a value is left out of {@code fields}, and the
 * sync reports the listing instead of storing it.
 */
public record MlsListing(String listingKey, Instant modificationTimestamp, Instant photosChangeTimestamp,
                         Map<String, Object> fields, List<MlsMedia> media, List<String> problems) {

    public MlsListing {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public MlsListing(String listingKey, Instant modificationTimestamp, Instant photosChangeTimestamp,
                      Map<String, Object> fields, List<MlsMedia> media) {
        this(listingKey, modificationTimestamp, photosChangeTimestamp, fields, media, List.of());
    }
}

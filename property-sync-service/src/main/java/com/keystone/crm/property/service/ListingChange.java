package com.keystone.crm.property.service;

import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.property.client.MlsMedia;

import java.util.List;

/**
 * A listing that is new or really changed. media: the listing's media when they came with the record and were
 * re-listed because PhotosChangeTimestamp moved or the listing is new; null when the stored media still hold, or
 * when they must still be listed by the provider ({@code listMedia}: queued for the photo queue, which publishes them).
 */
public record ListingChange(NormalisedListing listing, long version, List<MlsMedia> media, boolean listMedia,
                            PropertyUpdated payload) {
}

package com.keystone.crm.property.service;

import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import com.keystone.crm.property.client.MlsMedia;

import java.util.List;

/**
 * A listing that is new or really changed. media: the listing's media when they were (re)listed because
 * PhotosChangeTimestamp moved or the listing is new; null when the stored media still hold.
 */
public record ListingChange(NormalisedListing listing, long version, List<MlsMedia> media, PropertyUpdated payload) {
}

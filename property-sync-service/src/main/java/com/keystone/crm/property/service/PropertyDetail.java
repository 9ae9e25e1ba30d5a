package com.keystone.crm.property.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** A listing with every normalised RESO field and its photos. */
public record PropertyDetail(String listingKey, String providerId, long version, boolean removed, Instant updatedAt,
                             JsonNode listing, List<Photo> media) {
    /** url: ours when the copy of this version landed (copied=true), else the provider's. */
    public record Photo(String mediaKey, int order, String category, String url, String providerUrl, boolean copied,
                        Instant mediaModificationTimestamp) {
    }
}

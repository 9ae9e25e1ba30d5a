package com.keystone.crm.lead.savedsearch.repository;

import java.util.UUID;

/** A lead whose live saved search matches a listing, and the (oldest) search that matched. */
public record ListingMatchCandidate(UUID savedSearchId, UUID leadId, String savedSearchName) {
}

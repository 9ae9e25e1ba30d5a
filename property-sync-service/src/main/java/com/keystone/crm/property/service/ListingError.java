package com.keystone.crm.property.service;

/** A listing skipped by the sync (e.g. its event would break the contract); kept for ops as a sync error. */
public record ListingError(String listingKey, String code, String message) {
}

package com.keystone.crm.property.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A listing in canonical form: RESO names in key order, nulls dropped, decimals without trailing zeros.
 * {@code contentHash} covers everything but ModificationTimestamp, so a touch without change keeps the hash.
 */
public record NormalisedListing(String listingKey, Instant modificationTimestamp, Instant photosChangeTimestamp,
                                ObjectNode fields, String json, String contentHash) {

    public String text(String field) {
        var v = fields.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public java.math.BigDecimal decimal(String field) {
        var v = fields.get(field);
        return v == null || !v.isNumber() ? null : v.decimalValue();
    }

    public Integer integer(String field) {
        var v = fields.get(field);
        return v == null || !v.isNumber() ? null : v.intValue();
    }
}

package com.keystone.crm.lead.savedsearch.domain;

/** Why a listing was announced to a lead: the contract's matchReason of a listing-match activity. */
public enum ListingMatchReason {
    NEW_LISTING("new-listing"), PRICE_DROP("price-drop");

    private final String wire;

    ListingMatchReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

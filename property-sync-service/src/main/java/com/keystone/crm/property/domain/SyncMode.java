package com.keystone.crm.property.domain;

import java.util.Locale;

/**
 * full: every listing, then the key reconciliation; incremental: listings modified since the watermark;
 * reconciliation: incremental, then the full key list compared with ours to find listings gone from the feed.
 */
public enum SyncMode {
    FULL, INCREMENTAL, RECONCILIATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean reconciles() {
        return this != INCREMENTAL;
    }

    public static SyncMode parse(String wire) {
        for (SyncMode m : values()) {
            if (m.wire().equals(wire)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sync mode " + wire);
    }
}

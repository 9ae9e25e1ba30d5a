package com.keystone.crm.property.service;

import java.util.Locale;

/**
 * Where a run's records phase spent its time (logged at its end), so a slow sync can be read without a profiler:
 * the provider's pages (fetch and parse, what is left), reading stored rows, normalising + hashing + event
 * building, and the batch transactions. Media are not listed here: the photo queue lists those the records lack.
 */
final class PhaseTimes {
    long read;
    long normalise;
    long write;
    final WriteTimes writes = new WriteTimes();
    private long total;

    void finish(long totalNanos) {
        total = totalNanos;
    }

    @Override
    public String toString() {
        long fetch = Math.max(0, total - read - normalise - write);
        return String.format(Locale.ROOT, "total %.1f s = fetch+parse %.1f s, stored rows %.1f s, normalise+hash+event %.1f s, "
                + "batch transactions %.1f s (%s)", total / 1e9, fetch / 1e9, read / 1e9, normalise / 1e9,
                write / 1e9, writes);
    }
}

package com.keystone.crm.property.repository;

/** What a batch (or a whole run) did. */
public record RunCounts(long fetched, long changed, long unchanged, long removed, long photosQueued, long errors) {
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0, 0);

    public RunCounts plus(RunCounts o) {
        return new RunCounts(fetched + o.fetched, changed + o.changed, unchanged + o.unchanged, removed + o.removed,
                photosQueued + o.photosQueued, errors + o.errors);
    }
}

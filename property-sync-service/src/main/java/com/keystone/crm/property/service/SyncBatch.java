package com.keystone.crm.property.service;

import com.keystone.crm.property.domain.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One transaction's worth of a run: changed listings, unchanged ones to touch, skipped ones, the new checkpoint. */
public record SyncBatch(List<ListingChange> changes, List<Map<String, Object>> unchanged, List<ListingError> errors,
                        long fetched, Checkpoint checkpoint, Instant watermark, WriteTimes times) {

    public SyncBatch(List<ListingChange> changes, List<Map<String, Object>> unchanged, List<ListingError> errors,
                     long fetched, Checkpoint checkpoint, Instant watermark) {
        this(changes, unchanged, errors, fetched, checkpoint, watermark, new WriteTimes());
    }
}

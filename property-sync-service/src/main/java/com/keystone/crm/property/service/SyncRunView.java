package com.keystone.crm.property.service;

import com.keystone.crm.property.domain.SyncErrorRecord;
import com.keystone.crm.property.domain.SyncRun;

import java.time.Instant;
import java.util.List;

/** A sync run; errors only in the detail. */
public record SyncRunView(String id, String providerId, Long seq, String mode, String trigger, String state,
                          int attempts, Instant sinceWatermark, Instant watermark, long recordsFetched,
                          long recordsChanged, long recordsUnchanged, long recordsRemoved, long photosQueued,
                          long errorCount, String failureReason, Instant createdAt, Instant startedAt,
                          Instant finishedAt, List<ErrorView> errors) {

    /** code: RETS reply code, HTTP status or a kind; serverMessage: the server's own words. */
    public record ErrorView(String phase, String code, String kind, String listingKey, String serverMessage,
                            Instant occurredAt) {
        static ErrorView of(SyncErrorRecord e) {
            return new ErrorView(e.phase, e.code, e.kind, e.listingKey, e.serverMessage, e.occurredAt);
        }
    }

    public static SyncRunView of(SyncRun r, List<SyncErrorRecord> errors) {
        return new SyncRunView(r.id.toString(), r.providerId.toString(), r.seq, r.mode, r.trigger, r.state, r.attempts,
                r.sinceWatermark, r.watermark, r.recordsFetched, r.recordsChanged, r.recordsUnchanged, r.recordsRemoved,
                r.photosQueued, r.errorCount, r.failureReason, r.createdAt, r.startedAt, r.finishedAt,
                errors == null ? null : errors.stream().map(ErrorView::of).toList());
    }
}

package com.keystone.crm.lead.ingest.service;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Something that keeps history per lead (activities, notes, tasks, saved searches, ...). When two leads are merged
 * every implementation moves the duplicate's history onto the surviving lead, so nothing of either is lost.
 */
public interface LeadHistory {
    /** Runs in the merge's transaction. */
    Uni<Void> moveHistory(String tenantId, UUID fromLeadId, UUID toLeadId);
}

package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.ingest.service.LeadHistory;
import com.keystone.crm.lead.timeline.repository.NoteRepository;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** A merge moves the duplicate's notes (deleted ones too) to the surviving lead. */
@ApplicationScoped
public class NoteHistory implements LeadHistory {
    private final NoteRepository notes;
    private final CrmClock clock;

    public NoteHistory(NoteRepository notes, CrmClock clock) {
        this.clock = clock;
        this.notes = notes;
    }

    @Override
    public Uni<Void> moveHistory(String tenantId, UUID fromLeadId, UUID toLeadId) {
        // a bulk update skips @Version: bump it by hand, so an If-Match read before the merge is stale after it
        return notes.update("leadId = ?1, version = version + 1, updatedAt = ?4 where leadId = ?2 and tenantId = ?3",
                toLeadId, fromLeadId, tenantId, clock.now()).replaceWithVoid();
    }
}

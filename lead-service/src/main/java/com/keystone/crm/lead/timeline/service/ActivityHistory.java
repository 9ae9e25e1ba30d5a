package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.ingest.service.LeadHistory;
import com.keystone.crm.lead.timeline.repository.ActivityRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The timeline's part of a merge: the duplicate's activities join the surviving lead's. */
@ApplicationScoped
public class ActivityHistory implements LeadHistory {
    private final ActivityRepository activities;

    public ActivityHistory(ActivityRepository activities) {
        this.activities = activities;
    }

    @Override
    public Uni<Void> moveHistory(String tenantId, UUID fromLeadId, UUID toLeadId) {
        return activities.update("leadId = ?1 where leadId = ?2 and tenantId = ?3", toLeadId, fromLeadId, tenantId)
                .replaceWithVoid();
    }
}

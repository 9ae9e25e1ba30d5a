package com.keystone.crm.lead.task.service;

import com.keystone.crm.lead.ingest.service.LeadHistory;
import com.keystone.crm.lead.task.repository.TaskRepository;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * A merge moves the duplicate's tasks to the surviving lead. Their assignees stay: the work was given to someone.
 * New version and updatedAt, so the app's delta sync (updatedSince) sees the new lead.
 */
@ApplicationScoped
public class TaskHistory implements LeadHistory {
    private final TaskRepository tasks;
    private final CrmClock clock;

    public TaskHistory(TaskRepository tasks, CrmClock clock) {
        this.clock = clock;
        this.tasks = tasks;
    }

    @Override
    public Uni<Void> moveHistory(String tenantId, UUID fromLeadId, UUID toLeadId) {
        // a bulk update skips @Version: bump it by hand, so an If-Match read before the merge is stale after it
        return tasks.update("leadId = ?1, version = version + 1, updatedAt = ?4 where leadId = ?2 and tenantId = ?3",
                toLeadId, fromLeadId, tenantId, clock.now()).replaceWithVoid();
    }
}

package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.importing.domain.LeadImportField;
import com.keystone.crm.lead.ingest.service.LeadMatcher;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.service.LeadCreation;
import com.keystone.crm.lead.lead.service.LeadProfiles;
import com.keystone.crm.lead.lead.service.NewLead;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports one valid row in the caller's transaction, with the dedupe of lead ingestion: a live lead of the tenant
 * with one of the row's emails or phones (an earlier row of the same file included) takes the row as a merge
 * (empty fields filled, agent edits kept, an {@code import} activity on its timeline); anyone else becomes a new
 * lead that keeps the file's created date and status and is published as lead.created with {@code imported: true}.
 */
@ApplicationScoped
public class ImportRowWriter {
    static final String ACTIVITY = "import";

    private final LeadMatcher matcher;
    private final LeadProfiles profiles;
    private final LeadCreation creation;
    private final ActivityRecorder activities;
    private final OutboxWriter outbox;
    private final LeadImportAgents agents;
    private final CrmClock clock;

    public ImportRowWriter(LeadMatcher matcher, LeadProfiles profiles, LeadCreation creation, ActivityRecorder activities,
                           OutboxWriter outbox, LeadImportAgents agents, CrmClock clock) {
        this.clock = clock;
        this.matcher = matcher;
        this.profiles = profiles;
        this.creation = creation;
        this.activities = activities;
        this.outbox = outbox;
        this.agents = agents;
    }

    /**
     * Must run in a transaction holding the contact locks of the row (see LeadMatcher).
     *
     * @param agentCache assignees already looked up in this transaction (by reference; empty: unknown)
     */
    public Uni<ImportRowOutcome> write(LeadImportRun run, ImportRowInput row, ImportRowDraft draft,
                                       Map<String, Optional<Agent>> agentCache) {
        return assignee(run.tenantId(), draft.agentRef(), agentCache).chain(agent -> {
            if (draft.agentRef() != null && agent.isEmpty()) {
                String column = run.plan().columns().stream()
                        .filter(c -> c.field() == LeadImportField.ASSIGNED_AGENT_ID)
                        .map(LeadImportPlan.MappedColumn::header).findFirst().orElse(null);
                return Uni.createFrom().item(ImportRowOutcome.failed(row, List.of(new ImportRowProblem(column,
                        "assignedAgentId", draft.agentRef() + " is not an active user of this tenant"))));
            }
            // the batch holds the contact locks already (LeadImportBatches)
            return matcher.findExisting(run.tenantId(), draft.emails(), draft.phones())
                    .chain(existing -> existing == null
                            ? create(run, row, draft, agent.orElse(null))
                            : merge(run, row, draft, existing));
        });
    }

    private Uni<ImportRowOutcome> create(LeadImportRun run, ImportRowInput row, ImportRowDraft draft, Agent agent) {
        return creation.insert(new NewLead(run.tenantId(), run.createdBy(), draft.source(), draft.profile(), agent,
                        draft.status(), draft.createdAt(), true))
                // the next rows' dedupe queries must see this lead (the same person twice in one file)
                .call(lead -> Panache.getSession().chain(s -> s.flush()))
                .map(lead -> ImportRowOutcome.created(row, lead.id));
    }

    /**
     * The lead in the CRM is the live record: the row only fills its gaps (the file's status and created date are
     * history, kept on the import activity, not applied over the agents' pipeline).
     */
    private Uni<ImportRowOutcome> merge(LeadImportRun run, ImportRowInput row, ImportRowDraft draft, Lead lead) {
        List<String> changed = profiles.fillEmpty(lead, draft.profile());
        Instant now = clock.now();
        Uni<Void> update = Uni.createFrom().voidItem();
        if (!changed.isEmpty()) {
            lead.updatedAt = now;
            update = Panache.getSession().chain(s -> s.flush())
                    .chain(() -> outbox.append(LeadEvents.updated(lead, changed, run.createdBy(), now)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("importJobId", run.jobId().toString());
        details.put("rowNumber", row.rowNumber());
        if (run.fileName() != null) {
            details.put("fileName", run.fileName());
        }
        if (draft.status() != null) {
            details.put("status", draft.status().wire());
        }
        if (draft.createdAt() != null) {
            details.put("createdAt", draft.createdAt().toString());
        }
        details.put("changedFields", changed);
        String summary = "Merged from the import of " + (run.fileName() == null ? "a CSV file" : abbreviate(run.fileName(), 200))
                + ", row " + row.rowNumber();
        return update.chain(() -> activities.record(lead, ACTIVITY, summary, run.createdBy(), now, null, ActivityEvents.Fields.details(details)))
                .map(a -> ImportRowOutcome.merged(row, lead.id));
    }

    /** An active user of the tenant named by user id or email, looked up once per transaction. */
    private Uni<Optional<Agent>> assignee(String tenantId, String ref, Map<String, Optional<Agent>> cache) {
        if (ref == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<Agent> known = cache.get(ref);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return agents.find(tenantId, ref)
                .map(Optional::ofNullable)
                .invoke(found -> cache.put(ref, found));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

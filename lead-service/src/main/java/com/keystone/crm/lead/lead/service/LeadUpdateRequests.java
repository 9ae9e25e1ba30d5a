package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.LeadUpdateRequested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a lead.update-requested command (from a workflow's update step) inside the consumer's transaction, the way
 * an agent's change would go: a status change only along the pipeline ({@link LeadPipeline}), published as
 * lead.status-changed with a status-change activity; tags added or removed, published as lead.updated. The requester
 * ({@code workflow:<id>}) is the actor. A lead the tenant does not have (or deleted), or a transition the pipeline
 * refuses, is logged and dropped: a command cannot be answered with an error. Re-applying a request changes nothing
 * (the status is already set, tags are a set), and the inbox drops a redelivered event.
 */
@ApplicationScoped
public class LeadUpdateRequests {
    private static final Logger LOG = Logger.getLogger(LeadUpdateRequests.class);

    private final LeadRepository leads;
    private final OutboxWriter outbox;
    private final ActivityRecorder activities;
    private final CrmClock clock;

    public LeadUpdateRequests(LeadRepository leads, OutboxWriter outbox, ActivityRecorder activities, CrmClock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.activities = activities;
        this.clock = clock;
    }

    public Uni<Void> apply(IncomingEvent<LeadUpdateRequested> event) {
        LeadUpdateRequested p = event.payload();
        return leads.findInTenant(p.getTenantId(), p.getLeadId()).chain(lead -> {
            if (lead == null) {
                LOG.warnf("lead.update-requested %s names lead %s, unknown to tenant %s (or deleted); ignored",
                        p.getRequestId(), p.getLeadId(), p.getTenantId());
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.now();
            List<String> changed = tags(lead, p);
            LeadStatus from = lead.status;
            LeadStatus to = p.getStatus() == null ? from : LeadStatus.fromWire(p.getStatus().value());
            boolean statusChanges = to != from;
            if (statusChanges && !LeadPipeline.allows(from, to)) {
                LOG.warnf("lead.update-requested %s: lead %s cannot go from %s to %s; the status is left alone",
                        p.getRequestId(), lead.id, from.wire(), to.wire());
                statusChanges = false;
            }
            if (!statusChanges && changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (statusChanges) {
                lead.status = to;
            }
            lead.updatedAt = now;
            String actor = p.getRequestedBy();
            Uni<Void> flushed = Panache.getSession().chain(s -> s.flush());
            if (!changed.isEmpty()) {
                flushed = flushed.chain(() -> outbox.append(LeadEvents.updated(lead, changed, actor, now)));
            }
            if (statusChanges) {
                String summary = "Status " + from.wire() + " → " + to.wire() + (p.getReason() == null ? "" : ": " + p.getReason());
                flushed = flushed.chain(() -> outbox.append(LeadEvents.statusChanged(lead, from, actor, p.getReason(), now)))
                        .chain(() -> activities.record(lead, "status-change", summary, actor, now, event.attributes().id(),
                                ActivityEvents.Fields.details(Map.of("fromStatus", from.wire(), "toStatus", to.wire())))
                                .replaceWithVoid());
            }
            return flushed;
        });
    }

    /** Adds and removes the requested tags; answers ["tags"] when they changed. */
    private static List<String> tags(Lead lead, LeadUpdateRequested p) {
        Set<String> tags = new LinkedHashSet<>(List.of(lead.tags));
        Set<String> before = Set.copyOf(tags);
        if (p.getAddTags() != null) {
            tags.addAll(p.getAddTags());
        }
        if (p.getRemoveTags() != null) {
            p.getRemoveTags().forEach(tags::remove);
        }
        if (tags.equals(before)) {
            return new ArrayList<>();
        }
        lead.tags = tags.toArray(String[]::new);
        return new ArrayList<>(List.of("tags"));
    }
}

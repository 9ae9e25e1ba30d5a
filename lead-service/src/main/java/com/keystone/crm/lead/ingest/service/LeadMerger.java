package com.keystone.crm.lead.ingest.service;

import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.api.LeadView;
import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.service.LeadFinder;
import com.keystone.crm.lead.lead.service.LeadProfiles;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Merges a duplicate into a lead an agent knows is the same person: the survivor gains the duplicate's contact
 * points and fills its empty fields (its own and agent-edited values win), takes over the duplicate's history, and
 * the duplicate is retired (deleted, pointing at the survivor), both published as lead.updated.
 */
@ApplicationScoped
public class LeadMerger {
    private final LeadFinder finder;
    private final LeadProfiles profiles;
    private final OutboxWriter outbox;
    private final ActivityRecorder activities;
    private final Instance<LeadHistory> histories;
    private final CrmClock clock;

    public LeadMerger(LeadFinder finder, LeadProfiles profiles, OutboxWriter outbox, ActivityRecorder activities,
                      Instance<LeadHistory> histories, CrmClock clock) {
        this.clock = clock;
        this.finder = finder;
        this.profiles = profiles;
        this.outbox = outbox;
        this.activities = activities;
        this.histories = histories;
    }

    @WithTransaction
    public Uni<LeadView> merge(Caller caller, UUID survivorId, UUID duplicateId, String ifMatch) {
        if (survivorId.equals(duplicateId)) {
            throw ProblemException.unprocessable("merge-into-itself", "A lead cannot be merged into itself");
        }
        return finder.visible(caller, survivorId).chain(survivor -> finder.visible(caller, duplicateId).chain(duplicate -> {
            IfMatch.require(ifMatch, survivor.aggregateVersion());
            Instant now = clock.now();
            List<String> changed = profiles.fillEmpty(survivor, profileOf(duplicate));
            if (!changed.isEmpty()) {
                survivor.updatedAt = now;
            }
            duplicate.deletedAt = now;
            duplicate.mergedIntoLeadId = survivor.id;
            duplicate.updatedAt = now;
            String me = caller.userId();
            return Multi.createFrom().iterable(histories)
                    .onItem().transformToUniAndConcatenate(h -> h.moveHistory(survivor.tenantId, duplicate.id, survivor.id))
                    .collect().last()
                    .chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> outbox.append(LeadEvents.updated(duplicate, List.of("deleted", "mergedIntoLeadId"), me, now)))
                    .chain(() -> changed.isEmpty() ? Uni.createFrom().voidItem()
                            : outbox.append(LeadEvents.updated(survivor, changed, me, now)))
                    .chain(() -> activities.record(survivor, "lead-merged", "Merged duplicate lead " + duplicate.id, me, now,
                            null, ActivityEvents.Fields.details(Map.of("duplicateLeadId", duplicate.id.toString()))))
                    .replaceWith(survivor);
        })).map(LeadView::of);
    }

    private static LeadProfile profileOf(Lead l) {
        return new LeadProfile(l.firstName, l.lastName, List.of(l.emails), List.of(l.phones), l.type, l.city,
                l.postalCode, l.propertyType, l.budgetMin, l.budgetMax, List.of(l.preferredAreas), l.timeframe,
                List.of(l.tags), new Consent(null, null, null, null), l.timezone);
    }
}

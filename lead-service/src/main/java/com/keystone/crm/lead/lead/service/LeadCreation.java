package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.routing.service.LeadRouter;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Inserts a new lead with its lead.created event and, when nobody is named, lets routing assign it, all in the
 * caller's transaction. Shared by the app's create, lead ingestion and the CSV import. Counted in
 * {@code crm_leads_created_total{imported}}.
 */
@ApplicationScoped
public class LeadCreation {
    private final LeadRepository leads;
    private final LeadProfiles profiles;
    private final OutboxWriter outbox;
    private final LeadRouter router;
    private final CrmClock clock;
    private final MeterRegistry metrics;

    public LeadCreation(LeadRepository leads, LeadProfiles profiles, OutboxWriter outbox, LeadRouter router,
                        CrmClock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.leads = leads;
        this.profiles = profiles;
        this.outbox = outbox;
        this.router = router;
        this.metrics = metrics;
    }

    public Uni<Lead> insert(NewLead spec) {
        Instant now = clock.now();
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.tenantId = spec.tenantId();
        profiles.applyNew(lead, spec.profile());
        lead.source = spec.source();
        lead.status = spec.status() == null ? LeadStatus.NEW : spec.status();
        lead.assignedAgentId = spec.assignee() == null ? null : spec.assignee().userId;
        lead.teamId = spec.assignee() == null ? null : spec.assignee().teamId;
        lead.createdBy = spec.createdBy();
        lead.createdAt = spec.createdAt() == null ? now : spec.createdAt().truncatedTo(ChronoUnit.MICROS);
        lead.updatedAt = now;
        // routing first, so lead.created already names the assignee that consumers (workflows) act on
        return leads.persist(lead)
                .call(l -> needsRouting(l, spec) ? router.routeNewLead(l, spec.createdBy()) : Uni.createFrom().voidItem())
                .call(l -> outbox.append(LeadEvents.created(l, spec.imported())))
                .invoke(() -> metrics.counter("crm.leads.created", "imported", Boolean.toString(spec.imported())).increment());
    }

    /** Imported history that is already over (won, lost, archived) takes no agent's turn. */
    private static boolean needsRouting(Lead lead, NewLead spec) {
        if (lead.assignedAgentId != null) {
            return false;
        }
        return !(spec.imported() && (lead.status == LeadStatus.CLOSED_WON || lead.status == LeadStatus.LOST
                || lead.status == LeadStatus.ARCHIVED));
    }
}

package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.contact.Emails;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Applies contact.opted-out: every lead of the tenant with that address loses consent on that channel
 * (an SMS STOP also ends calls to the number: TCPA practice), gets an opt-out activity and a lead.updated event.
 */
@ApplicationScoped
public class ConsentWithdrawals {
    private final LeadRepository leads;
    private final OutboxWriter outbox;
    private final ActivityRecorder activities;
    private final CrmClock clock;

    public ConsentWithdrawals(LeadRepository leads, OutboxWriter outbox, ActivityRecorder activities, CrmClock clock) {
        this.clock = clock;
        this.leads = leads;
        this.outbox = outbox;
        this.activities = activities;
    }

    public Uni<Void> apply(IncomingEvent<ContactOptedOut> event) {
        ContactOptedOut p = event.payload();
        String tenantId = p.getTenantId();
        String channel = p.getChannel().value();
        String address = p.getAddress();
        Instant at = p.getOccurredAt();
        Uni<List<Lead>> matches = switch (channel) {
            case "email" -> leads.find("tenantId = ?1 and deletedAt is null and array_contains(emails, ?2)",
                    tenantId, Emails.normalise(address)).list();
            case "sms", "call" -> leads.find("tenantId = ?1 and deletedAt is null and array_contains(phones, ?2)",
                    tenantId, address).list();
            default -> leadById(p, tenantId);
        };
        String actor = event.attributes().source().replaceFirst("^/", "");
        return matches.chain(found -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(lead -> withdraw(lead, channel,
                        p.getSource() == null ? "other" : p.getSource().value(), actor, at))
                .collect().last().replaceWithVoid());
    }

    private Uni<List<Lead>> leadById(ContactOptedOut p, String tenantId) {
        if (p.getLeadId() == null) {
            return Uni.createFrom().item(List.of());
        }
        return leads.findInTenant(tenantId, p.getLeadId())
                .map(l -> l == null ? List.<Lead>of() : List.of(l));
    }

    private Uni<Void> withdraw(Lead lead, String channel, String source, String actor, Instant at) {
        switch (channel) {
            case "email" -> lead.consentEmail = false;
            case "sms", "call" -> {
                lead.consentSms = false;
                lead.consentCall = false;
            }
            case "push" -> lead.consentPush = false;
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
        lead.updatedAt = clock.now();
        return Panache.getSession().chain(s -> s.flush())
                .chain(() -> outbox.append(LeadEvents.updated(lead, List.of("consent"), actor, lead.updatedAt)))
                .chain(() -> activities.record(lead, "opt-out", "Opted out of " + channel + " (" + source + ")", actor, at,
                        null, ActivityEvents.Fields.channel(channel)))
                .replaceWithVoid();
    }
}

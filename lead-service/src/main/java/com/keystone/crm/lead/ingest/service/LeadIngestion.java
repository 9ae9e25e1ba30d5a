package com.keystone.crm.lead.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.lead.directory.service.TenantGuard;
import com.keystone.crm.lead.ingest.api.IngestionResult;
import com.keystone.crm.lead.ingest.api.LeadEventRequest;
import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.messaging.LeadEvents;
import com.keystone.crm.lead.lead.service.LeadAccess;
import com.keystone.crm.lead.lead.service.LeadCreation;
import com.keystone.crm.lead.lead.service.LeadProfiles;
import com.keystone.crm.lead.lead.service.NewLead;
import com.keystone.crm.lead.timeline.service.ActivityRecorder;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inquiries from lead sources: the same person (a normalised email or phone of a live lead in the tenant) is
 * merged into the existing lead (new contact points added, empty fields filled, agent edits kept, the inquiry on
 * the timeline); anyone else becomes a new, routed lead. Idempotent under Idempotency-Key.
 */
@ApplicationScoped
public class LeadIngestion {
    public static final String IDEMPOTENCY_SCOPE = "lead.ingest";

    private final TenantGuard tenantGuard;
    private final LeadMatcher matcher;
    private final LeadProfiles profiles;
    private final LeadCreation creation;
    private final ActivityRecorder activities;
    private final OutboxWriter outbox;
    private final CrmClock clock;

    public LeadIngestion(TenantGuard tenantGuard, LeadMatcher matcher,
                         LeadProfiles profiles, LeadCreation creation, ActivityRecorder activities,
                         OutboxWriter outbox, CrmClock clock) {
        this.clock = clock;
        this.tenantGuard = tenantGuard;
        this.matcher = matcher;
        this.profiles = profiles;
        this.creation = creation;
        this.activities = activities;
        this.outbox = outbox;
    }

    /** The role of a lead source's machine token: a portal integration posting on behalf of the whole brokerage. */
    public static final String INTEGRATION_ROLE = "integration";

    /**
     * Which existing lead an inquiry may merge into. A portal integration posts for the brokerage: it dedupes against
     * every lead of the tenant. A person (agent, team lead, admin) only against the leads they can see
     * ({@link LeadAccess}): a match among leads hidden from them is ignored and a new lead is created, so the answer
     * never reveals that a hidden lead exists and nobody changes a lead they cannot see.
     */
    static boolean mayMergeInto(Caller caller, Lead lead) {
        return caller.roles().contains(INTEGRATION_ROLE) || LeadAccess.canSee(caller, lead);
    }

    /** Creates or merges (the resource makes it idempotent under the required Idempotency-Key, see IdempotentCreate). */
    @WithTransaction
    public Uni<IngestionResult> ingest(Caller caller, LeadEventRequest request) {
        String tenantId = caller.tenantId();
        LeadProfile profile = request.profile();
        List<String> emails = profiles.emails(profile.emails());
        List<String> phones = profiles.phones(profile.phones());
        return tenantGuard.requireKnown(tenantId)
                .chain(() -> matcher.lockContacts(tenantId, emails, phones))
                .chain(() -> matcher.findAll(tenantId, emails, phones))
                .map(candidates -> candidates.stream().filter(lead -> mayMergeInto(caller, lead)).findFirst().orElse(null))
                .chain(existing -> existing == null
                        ? createNew(caller, request, profile)
                        : mergeInto(existing, caller, request, profile));
    }

    private Uni<IngestionResult> createNew(Caller caller, LeadEventRequest request, LeadProfile profile) {
        return creation.insert(new NewLead(caller.tenantId(), caller.userId(), request.source(), profile, null, null, null, false))
                .call(lead -> inquiry(lead, caller, request))
                .map(lead -> new IngestionResult(lead.id, IngestionResult.CREATED, null));
    }

    private Uni<IngestionResult> mergeInto(Lead lead, Caller caller, LeadEventRequest request, LeadProfile profile) {
        List<String> changed = profiles.fillEmpty(lead, profile);
        Uni<Void> update = Uni.createFrom().voidItem();
        if (!changed.isEmpty()) {
            lead.updatedAt = clock.now();
            update = Panache.getSession().chain(s -> s.flush())
                    .chain(() -> outbox.append(LeadEvents.updated(lead, changed, caller.userId(), lead.updatedAt)));
        }
        return update.chain(() -> inquiry(lead, caller, request))
                .map(a -> new IngestionResult(lead.id, IngestionResult.MERGED, changed));
    }

    private Uni<Void> inquiry(Lead lead, Caller caller, LeadEventRequest request) {
        Instant at = request.occurredAt() == null ? clock.now() : request.occurredAt();
        String summary = "Inquiry from " + request.source().wire()
                + (request.message() == null ? "" : ": " + abbreviate(request.message(), 300));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", request.source().wire());
        if (request.externalId() != null) {
            details.put("externalId", request.externalId());
        }
        if (request.propertyAddress() != null) {
            details.put("propertyAddress", request.propertyAddress());
        }
        if (request.message() != null) {
            details.put("message", request.message());
        }
        return activities.record(lead, "inquiry", summary, caller.userId(), at, null,
                b -> b.withChannel(LeadActivityRecorded.Channel.WEB).withListingKey(request.listingKey())
                        .withDetails(details)).replaceWithVoid();
    }


    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

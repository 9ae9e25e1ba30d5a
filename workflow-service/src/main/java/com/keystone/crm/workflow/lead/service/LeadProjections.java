package com.keystone.crm.workflow.lead.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@link LeadProjection} from events, in the consumer's transaction. A lead first seen through a later event
 * (this service started after the lead was created) gets a row with what that event tells.
 */
@ApplicationScoped
public class LeadProjections {
    /**
     * The lead's primary e-mail and phone (first of lead-service's lists): a send step addresses the lead with them,
     * as notification-service does not look a lead's addresses up itself.
     */
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    private final LeadProjectionRepository leads;
    private final CrmClock clock;

    public LeadProjections(LeadProjectionRepository leads, CrmClock clock) {
        this.leads = leads;
        this.clock = clock;
    }

    /**
     * The rows of a poll's leads (lead id → the tenant its event names), made when unknown and locked for the caller's
     * transaction, by id; a lead whose row belongs to another tenant is in the map with that tenant (the caller ignores
     * its event). Events of a new lead arrive on several topics at once: the first poll to come makes the row, the
     * others wait for it (no unique-key failure and retry), and each applies on top of the last.
     */
    public Uni<Map<UUID, LeadProjection>> lockAll(Map<UUID, String> tenantByLead) {
        return leads.insertAllIfAbsent(tenantByLead, clock.now())
                .chain(() -> leads.lockAll(tenantByLead.keySet()))
                .map(list -> {
                    Map<UUID, LeadProjection> byId = new HashMap<>();
                    list.forEach(l -> byId.put(l.leadId, l));
                    return byId;
                });
    }

    public Uni<LeadProjection> find(String tenantId, UUID leadId) {
        return leads.findInTenant(tenantId, leadId);
    }

    /** lead.created: the full state. */
    public void created(LeadProjection p, LeadCreated e) {
        if (p.leadCreatedAt == null) {
            p.leadCreatedAt = e.getOccurredAt();
        }
        if (e.getVersion() <= p.leadVersion) {
            // a newer event of another topic came first (topics are not ordered with each other): keep its status,
            // take what only lead.created tells
            if (p.source == null) {
                p.source = e.getSource();
            }
            if (p.fields == null) {
                p.fields = fields(e);
                p.timeZone = e.getTimezone();
                p.consent = consent(e.getConsent());
                p.tags = e.getTags() == null ? new String[0] : e.getTags().toArray(String[]::new);
            }
            return;
        }
        p.leadVersion = e.getVersion();
        p.status = e.getStatus().value();
        p.source = e.getSource();
        p.tags = e.getTags() == null ? new String[0] : e.getTags().toArray(String[]::new);
        p.assignedAgentId = e.getAssignedAgentId();
        p.teamId = e.getTeamId();
        p.timeZone = e.getTimezone();
        p.consent = consent(e.getConsent());
        p.fields = fields(e);
        p.updatedAt = clock.now();
    }

    private static Map<String, Object> fields(LeadCreated e) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "firstName", e.getFirstName());
        put(f, "lastName", e.getLastName());
        put(f, "type", e.getType() == null ? null : e.getType().value());
        put(f, "timeframe", e.getTimeframe());
        put(f, "budgetMin", e.getBudgetMin());
        put(f, "budgetMax", e.getBudgetMax());
        put(f, "preferredAreas", e.getPreferredAreas());
        put(f, EMAIL, first(e.getEmails()));
        put(f, PHONE, first(e.getPhones()));
        return f;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** lead.updated: the full state plus deletion and merge. */
    public void updated(LeadProjection p, LeadUpdated e) {
        if (e.getVersion() <= p.leadVersion) {
            return;
        }
        p.leadVersion = e.getVersion();
        if (e.getStatus() != null) {
            p.status = e.getStatus().value();
        }
        if (e.getSource() != null) {
            p.source = e.getSource();
        }
        if (e.getTags() != null) {
            p.tags = e.getTags().toArray(String[]::new);
        }
        p.assignedAgentId = e.getAssignedAgentId();
        p.teamId = e.getTeamId();
        p.timeZone = e.getTimezone();
        if (e.getConsent() != null) {
            p.consent = consent(e.getConsent());
        }
        Map<String, Object> f = p.fields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.fields);
        put(f, "firstName", e.getFirstName());
        put(f, "lastName", e.getLastName());
        put(f, "type", e.getType() == null ? null : e.getType().value());
        put(f, "timeframe", e.getTimeframe());
        put(f, "budgetMin", e.getBudgetMin());
        put(f, "budgetMax", e.getBudgetMax());
        put(f, "preferredAreas", e.getPreferredAreas());
        if (e.getEmails() != null) {
            f.put(EMAIL, first(e.getEmails()));
        }
        if (e.getPhones() != null) {
            f.put(PHONE, first(e.getPhones()));
        }
        p.fields = f;
        p.deleted = Boolean.TRUE.equals(e.getDeleted()) || e.getMergedIntoLeadId() != null;
        p.updatedAt = clock.now();
    }

    /** lead.status-changed; false when the event is stale. */
    public boolean statusChanged(LeadProjection p, long version, String toStatus, String assignedAgentId) {
        if (version <= p.leadVersion) {
            return false;
        }
        p.leadVersion = version;
        p.status = toStatus;
        if (assignedAgentId != null) {
            p.assignedAgentId = assignedAgentId;
        }
        p.updatedAt = clock.now();
        return true;
    }

    /** lead.scored; false when the event is stale. */
    public boolean scored(LeadProjection p, long version, double score, String tier) {
        if (version <= p.scoreVersion) {
            return false;
        }
        p.scoreVersion = version;
        p.score = score;
        p.tier = tier;
        p.updatedAt = clock.now();
        return true;
    }

    public void activity(LeadProjection p, String type, Instant at) {
        if (p.lastActivityAt == null || !at.isBefore(p.lastActivityAt)) {
            p.lastActivityAt = at;
            p.lastActivityType = type;
        }
        p.updatedAt = clock.now();
    }

    public void replied(LeadProjection p, Instant at) {
        p.repliedAt = at;
        activity(p, "message-replied", at);
    }

    public void optedOut(LeadProjection p, String channel) {
        Map<String, Boolean> c = p.consent == null ? new HashMap<>() : new HashMap<>(p.consent);
        c.put(channel, false);
        p.consent = c;
        p.updatedAt = clock.now();
    }

    private static Map<String, Boolean> consent(Consent c) {
        Map<String, Boolean> m = new HashMap<>();
        if (c == null) {
            return m;
        }
        if (c.getEmail() != null) {
            m.put("email", c.getEmail());
        }
        if (c.getSms() != null) {
            m.put("sms", c.getSms());
        }
        if (c.getPush() != null) {
            m.put("push", c.getPush());
        }
        if (c.getCall() != null) {
            m.put("call", c.getCall());
        }
        return m;
    }

    private static void put(Map<String, Object> f, String key, Object value) {
        if (value instanceof List<?> l) {
            f.put(key, List.copyOf(l));
        } else if (value != null) {
            f.put(key, value);
        }
    }
}

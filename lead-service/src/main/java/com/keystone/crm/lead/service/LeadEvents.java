package com.keystone.crm.lead.service;

import com.keystone.crm.lead.domain.Consent;
import com.keystone.crm.lead.domain.Lead;
import com.keystone.crm.lead.domain.LeadStatus;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.contracts.EventTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead events of platform/contracts built from a lead: lead.created and lead.updated carry the lead's snapshot
 * (so consumers such as workflow and scoring projections need no call back), lead.status-changed the transition.
 */
public final class LeadEvents {
    private static final String AGGREGATE = "lead";

    private LeadEvents() {
    }

    public static OutboxEvent created(Lead lead, boolean imported) {
        Map<String, Object> p = snapshot(lead, lead.createdAt);
        p.put("createdBy", lead.createdBy);
        if (imported) {
            p.put("imported", true);
        }
        return event(EventTypes.LEAD_CREATED, lead, lead.createdAt, p);
    }

    public static OutboxEvent updated(Lead lead, Collection<String> changedFields, String updatedBy, Instant at) {
        Map<String, Object> p = snapshot(lead, at);
        p.put("changedFields", List.copyOf(changedFields));
        p.put("updatedBy", updatedBy);
        if (lead.isDeleted()) {
            p.put("deleted", true);
        }
        if (lead.mergedIntoLeadId != null) {
            p.put("mergedIntoLeadId", lead.mergedIntoLeadId);
        }
        return event(EventTypes.LEAD_UPDATED, lead, at, p);
    }

    public static OutboxEvent statusChanged(Lead lead, LeadStatus from, String changedBy, String reason, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("leadId", lead.id);
        p.put("tenantId", lead.tenantId);
        p.put("version", lead.aggregateVersion());
        p.put("occurredAt", at);
        p.put("fromStatus", from.wire());
        p.put("toStatus", lead.status.wire());
        p.put("changedBy", changedBy);
        if (reason != null) {
            p.put("reason", reason);
        }
        if (lead.assignedAgentId != null) {
            p.put("assignedAgentId", lead.assignedAgentId);
        }
        return event(EventTypes.LEAD_STATUS_CHANGED, lead, at, p);
    }

    private static Map<String, Object> snapshot(Lead l, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("leadId", l.id);
        p.put("tenantId", l.tenantId);
        p.put("version", l.aggregateVersion());
        p.put("occurredAt", at);
        p.put("status", l.status.wire());
        p.put("source", l.source.wire());
        put(p, "firstName", l.firstName);
        put(p, "lastName", l.lastName);
        p.put("emails", Arrays.asList(l.emails));
        p.put("phones", Arrays.asList(l.phones));
        put(p, "type", l.type == null ? null : l.type.wire());
        p.put("assignedAgentId", l.assignedAgentId);
        p.put("teamId", l.teamId);
        p.put("tags", Arrays.asList(l.tags));
        p.put("timezone", l.timezone);
        p.put("budgetMin", l.budgetMin);
        p.put("budgetMax", l.budgetMax);
        p.put("preferredAreas", Arrays.asList(l.preferredAreas));
        p.put("timeframe", l.timeframe == null ? null : l.timeframe.wire());
        p.put("consent", Consent.of(l));
        p.put("createdAt", l.createdAt);
        return p;
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static OutboxEvent event(String type, Lead lead, Instant at, Map<String, Object> payload) {
        return OutboxEvent.of(type, AGGREGATE, lead.id.toString(), lead.tenantId, at, payload);
    }
}

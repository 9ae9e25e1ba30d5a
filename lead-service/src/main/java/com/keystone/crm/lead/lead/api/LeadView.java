package com.keystone.crm.lead.lead.api;

import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A lead as the app sees it. */
public record LeadView(UUID id, String firstName, String lastName, String email, String phone, List<String> emails,
                       List<String> phones, LeadSource source, LeadType type, LeadStatus status, String assignedAgentId,
                       String teamId, String city, String postalCode, String propertyType, BigDecimal budgetMin,
                       BigDecimal budgetMax, List<String> preferredAreas, Timeframe timeframe, List<String> tags,
                       Consent consent, String timezone, Score score, String createdBy, Instant createdAt,
                       Instant updatedAt, Instant lastActivityAt, long version) {

    public record Score(BigDecimal value, String tier, String modelVersion, Instant scoredAt,
                        List<Map<String, Object>> reasons) {
    }

    public static LeadView of(Lead l) {
        Score score = l.score == null ? null : new Score(l.score, l.scoreTier, l.scoreModelVersion, l.scoredAt,
                reasons(l.scoreReasons));
        return new LeadView(l.id, l.firstName, l.lastName, l.email, l.phone, List.of(l.emails), List.of(l.phones),
                l.source, l.type, l.status, l.assignedAgentId, l.teamId, l.city, l.postalCode, l.propertyType,
                l.budgetMin, l.budgetMax, List.of(l.preferredAreas), l.timeframe, List.of(l.tags), Consent.of(l),
                l.timezone, score, l.createdBy, l.createdAt, l.updatedAt, l.lastActivityAt, l.aggregateVersion());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reasons(Map<String, Object> stored) {
        Object reasons = stored == null ? null : stored.get("reasons");
        return reasons instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** A strong entity tag from the aggregate version (the version events carry), for If-Match on updates. */
    public String etag() {
        return Long.toString(version);
    }
}

package com.keystone.crm.lead.rest;

import com.keystone.crm.lead.domain.Lead;
import com.keystone.crm.lead.domain.LeadSource;
import com.keystone.crm.lead.domain.LeadStatus;
import com.keystone.crm.lead.domain.LeadType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A lead as the app sees it. */
public record LeadView(UUID id, String firstName, String lastName, String email, String phone, LeadSource source,
                       LeadType type, LeadStatus status, String assignedAgentId, String teamId, String timezone,
                       Score score, String createdBy, Instant createdAt, Instant updatedAt, long version) {

    public record Score(BigDecimal value, String tier, String modelVersion, Instant scoredAt) {
    }

    public static LeadView of(Lead l) {
        Score score = l.score == null ? null : new Score(l.score, l.scoreTier, l.scoreModelVersion, l.scoredAt);
        return new LeadView(l.id, l.firstName, l.lastName, l.email, l.phone, l.source, l.type, l.status,
                l.assignedAgentId, l.teamId, l.timezone, score, l.createdBy, l.createdAt, l.updatedAt, l.version + 1);
    }

    /** A strong entity tag from the aggregate version (the version events carry), for If-Match on updates. */
    public String etag() {
        return Long.toString(version);
    }
}

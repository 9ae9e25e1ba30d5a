package com.keystone.crm.lead.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.keystone.crm.lead.domain.Lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payload of {@code lead.created} (platform/contracts schemas/lead.created.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadCreatedPayload(UUID leadId, String tenantId, long version, Instant occurredAt, String status,
                                 String source, String createdBy, String firstName, String lastName,
                                 List<String> emails, List<String> phones, String type, String assignedAgentId,
                                 String teamId, String timezone) {
    static LeadCreatedPayload of(Lead l) {
        return new LeadCreatedPayload(l.id, l.tenantId, l.version + 1, l.createdAt, l.status.wire(), l.source.wire(),
                l.createdBy, l.firstName, l.lastName,
                l.email == null ? List.of() : List.of(l.email),
                l.phone == null ? List.of() : List.of(l.phone),
                l.type == null ? null : l.type.wire(), l.assignedAgentId, l.teamId, l.timezone);
    }
}

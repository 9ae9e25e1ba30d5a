package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.domain.LeadStatus;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.LeadType;
import com.keystone.crm.platform.contracts.events.LeadUpdated;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The lead events of platform/contracts built from a lead: lead.created and lead.updated carry the lead's snapshot
 * (so consumers such as workflow and scoring projections need no call back), lead.status-changed the transition.
 */
public final class LeadEvents {
    private static final String AGGREGATE = "lead";

    private LeadEvents() {
    }

    public static OutboxEvent created(Lead l, boolean imported) {
        LeadCreated p = LeadCreated.builder()
                .withLeadId(l.id)
                .withTenantId(l.tenantId)
                .withVersion(l.aggregateVersion())
                .withOccurredAt(l.createdAt)
                .withStatus(status(l.status))
                .withSource(l.source.wire())
                .withFirstName(l.firstName)
                .withLastName(l.lastName)
                .withEmails(list(l.emails))
                .withPhones(list(l.phones))
                .withType(type(l))
                .withAssignedAgentId(l.assignedAgentId)
                .withTeamId(l.teamId)
                .withTags(list(l.tags))
                .withTimezone(l.timezone)
                .withBudgetMin(l.budgetMin)
                .withBudgetMax(l.budgetMax)
                .withPreferredAreas(list(l.preferredAreas))
                .withTimeframe(l.timeframe == null ? null : l.timeframe.wire())
                .withConsent(consent(l))
                .withCreatedAt(l.createdAt)
                .withCreatedBy(l.createdBy)
                .withImported(imported ? Boolean.TRUE : null)
                .build();
        return OutboxEvent.of(AGGREGATE, l.id.toString(), p);
    }

    public static OutboxEvent updated(Lead l, Collection<String> changedFields, String updatedBy, Instant at) {
        LeadUpdated p = LeadUpdated.builder()
                .withLeadId(l.id)
                .withTenantId(l.tenantId)
                .withVersion(l.aggregateVersion())
                .withOccurredAt(at)
                .withStatus(status(l.status))
                .withSource(l.source.wire())
                .withFirstName(l.firstName)
                .withLastName(l.lastName)
                .withEmails(list(l.emails))
                .withPhones(list(l.phones))
                .withType(type(l))
                .withAssignedAgentId(l.assignedAgentId)
                .withTeamId(l.teamId)
                .withTags(list(l.tags))
                .withTimezone(l.timezone)
                .withBudgetMin(l.budgetMin)
                .withBudgetMax(l.budgetMax)
                .withPreferredAreas(list(l.preferredAreas))
                .withTimeframe(l.timeframe == null ? null : l.timeframe.wire())
                .withConsent(consent(l))
                .withCreatedAt(l.createdAt)
                .withChangedFields(new LinkedHashSet<>(changedFields))
                .withUpdatedBy(updatedBy)
                .withDeleted(l.isDeleted() ? Boolean.TRUE : null)
                .withMergedIntoLeadId(l.mergedIntoLeadId)
                .build();
        return OutboxEvent.of(AGGREGATE, l.id.toString(), p);
    }

    public static OutboxEvent statusChanged(Lead lead, LeadStatus from, String changedBy, String reason, Instant at) {
        LeadStatusChanged p = LeadStatusChanged.builder()
                .withLeadId(lead.id)
                .withTenantId(lead.tenantId)
                .withVersion(lead.aggregateVersion())
                .withOccurredAt(at)
                .withFromStatus(status(from))
                .withToStatus(status(lead.status))
                .withChangedBy(changedBy)
                .withReason(reason)
                .withAssignedAgentId(lead.assignedAgentId)
                .build();
        return OutboxEvent.of(AGGREGATE, lead.id.toString(), p);
    }

    static com.keystone.crm.platform.contracts.events.LeadStatus status(LeadStatus status) {
        return com.keystone.crm.platform.contracts.events.LeadStatus.fromValue(status.wire());
    }

    private static LeadType type(Lead l) {
        return l.type == null ? null : LeadType.fromValue(l.type.wire());
    }

    private static Consent consent(Lead l) {
        return Consent.builder().withEmail(l.consentEmail).withSms(l.consentSms).withCall(l.consentCall)
                .withPush(l.consentPush).build();
    }

    private static List<String> list(String[] values) {
        return Arrays.asList(values);
    }
}

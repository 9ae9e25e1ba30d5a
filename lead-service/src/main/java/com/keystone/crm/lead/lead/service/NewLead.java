package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;

import java.time.Instant;

/**
 * What a new lead starts from, whichever way it arrives (the app, a lead source, a CSV import).
 *
 * @param assignee  null: routing decides
 * @param createdAt null: now (an import keeps the original date)
 * @param imported  true for historical imports (published on lead.created so scoring can tell)
 */
public record NewLead(String tenantId, String createdBy, LeadSource source, LeadProfile profile, Agent assignee,
                      LeadStatus status, Instant createdAt, boolean imported) {
}

package com.keystone.crm.lead.importing.service;

import com.keystone.crm.lead.lead.api.LeadProfile;
import com.keystone.crm.lead.lead.domain.LeadSource;
import com.keystone.crm.lead.lead.domain.LeadStatus;

import java.time.Instant;
import java.util.List;

/**
 * A row that passed validation, ready to create or merge a lead.
 *
 * @param emails    normalised (lower-cased), the dedupe keys
 * @param phones    E.164, the dedupe keys
 * @param status    null: new
 * @param createdAt null: now (the file had no date)
 * @param agentRef  a user id or email of the assignee, or null (routing decides)
 */
public record ImportRowDraft(int rowNumber, LeadProfile profile, List<String> emails, List<String> phones,
                             LeadSource source, LeadStatus status, Instant createdAt, String agentRef) {
}

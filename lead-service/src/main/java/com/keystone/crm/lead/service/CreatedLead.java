package com.keystone.crm.lead.service;

import com.keystone.crm.lead.rest.LeadView;

/** The result of a create: the lead, and whether it was an Idempotency-Key replay of an earlier create. */
public record CreatedLead(LeadView lead, boolean replayed) {
}

package com.keystone.crm.lead.service;

import com.keystone.crm.lead.rest.SavedSearchView;

/** The result of a create: the search, and whether it was an Idempotency-Key replay of an earlier create. */
public record SavedSearchCreated(SavedSearchView search, boolean replayed) {
}

package com.keystone.crm.lead.service;

import com.keystone.crm.lead.rest.SavedSearchView;

import java.util.List;

/** One page of saved searches; {@code nextCursor} is null on the last page. */
public record SavedSearchPage(List<SavedSearchView> items, String nextCursor) {
}

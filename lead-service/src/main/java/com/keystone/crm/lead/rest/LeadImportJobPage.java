package com.keystone.crm.lead.rest;

import java.util.List;

/** One page of the tenant's import jobs, newest first; {@code nextCursor} is null on the last page. */
public record LeadImportJobPage(List<LeadImportJobView> items, String nextCursor) {
}

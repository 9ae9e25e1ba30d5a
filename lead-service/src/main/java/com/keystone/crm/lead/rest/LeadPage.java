package com.keystone.crm.lead.rest;

import java.util.List;

/** One page of a lead list; {@code nextCursor} is null on the last page. */
public record LeadPage(List<LeadView> items, String nextCursor) {
}

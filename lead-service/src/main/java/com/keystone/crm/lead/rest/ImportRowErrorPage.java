package com.keystone.crm.lead.rest;

import java.util.List;

/** One page of an import's error report in row order; {@code nextCursor} is null on the last page. */
public record ImportRowErrorPage(List<ImportRowErrorView> items, String nextCursor) {
}

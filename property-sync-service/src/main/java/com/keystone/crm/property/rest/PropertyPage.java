package com.keystone.crm.property.rest;

import java.util.List;

/** A page of search results; nextCursor is null on the last page. */
public record PropertyPage(List<PropertySummary> items, String nextCursor) {
}

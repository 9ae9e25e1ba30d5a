package com.keystone.crm.lead.rest;

import java.util.List;

/** One page of a routing list (rules, groups, assignment decisions); {@code nextCursor} is null on the last. */
public record RoutingPage<T>(List<T> items, String nextCursor) {
}

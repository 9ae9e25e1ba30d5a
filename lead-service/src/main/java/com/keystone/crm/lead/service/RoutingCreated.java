package com.keystone.crm.lead.service;

/** A create's result: the resource, and whether it is an Idempotency-Key replay of an earlier create (200, not 201). */
public record RoutingCreated<T>(T resource, boolean replayed) {
}

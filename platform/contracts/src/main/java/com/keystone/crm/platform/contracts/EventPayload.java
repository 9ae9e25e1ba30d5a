package com.keystone.crm.platform.contracts;

import java.time.Instant;

/**
 * The payload of an event: implemented by every type generated from an event schema (package
 * {@code com.keystone.crm.platform.contracts.events}, one per event type, e.g. {@code LeadCreated}). The methods are
 * the envelope fields every schema requires. Never implemented by hand: the schemas are the single source.
 */
public interface EventPayload {

    /** The tenant (brokerage) the event belongs to. */
    String getTenantId();

    /** The aggregate's version after the change the event reports. */
    Long getVersion();

    /** When the change happened. */
    Instant getOccurredAt();
}

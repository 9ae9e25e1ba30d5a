package com.keystone.crm.platform.chassis.testapp;

import java.util.UUID;

/**
 * Creates a widget and, in the same transaction, a lead.scored event about it. The test chooses the ids, the score
 * (over 100 breaks the contract) and whether the transaction fails after the event was appended.
 */
public record WidgetRequest(UUID id, UUID eventId, String name, double score, String tier, boolean failAfterAppend) {
}

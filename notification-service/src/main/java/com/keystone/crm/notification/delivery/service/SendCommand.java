package com.keystone.crm.notification.delivery.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message to send, from notification.requested, lead.assigned or the API. {@code requestId} is the idempotency
 * key: a second command with the same tenant and request id is the same request. {@code variables} are the template
 * variables (the event's free-form {@code templateVariables}); {@code push} is the typed data of a push this service
 * decides itself (null for email, SMS and plain pushes).
 */
public record SendCommand(String tenantId, UUID requestId, String channel, String category, String recipientKind,
                          UUID leadId, String userId, String email, String phone, String recipientName,
                          String timezone, String templateKey, Map<String, Object> variables, String subject,
                          String body, String locale, Instant notBefore, String requestedBy, String workflowId,
                          UUID enrollmentId, String stepId, PushData push) {
}

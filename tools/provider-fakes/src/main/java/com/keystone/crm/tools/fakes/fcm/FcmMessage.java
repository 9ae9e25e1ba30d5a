package com.keystone.crm.tools.fakes.fcm;

import java.time.Instant;
import java.util.Map;

/**
 * One FCM v1 message the fake accepted: its name (projects/P/messages/ID), target (token, topic or condition),
 * notification title/body, data and the whole request JSON. Dry-run ({@code validate_only}) sends are recorded too.
 */
public record FcmMessage(String name, String token, String topic, String condition, String title, String body,
                         Map<String, String> data, boolean validateOnly, String requestJson, Instant receivedAt) {
}

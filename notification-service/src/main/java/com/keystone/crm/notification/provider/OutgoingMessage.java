package com.keystone.crm.notification.provider;

import java.util.UUID;

/**
 * What one provider call sends: rendered content and addresses, plus the request tag ({@code notificationId}) a
 * provider can carry (status callback query, Message-ID) so that an unknown outcome can be reconciled.
 *
 * @param statusCallbackUrl where the provider reports delivery (SMS); null for none
 * @param unsubscribeUrl    the signed one-click unsubscribe link (email); null for transactional mail
 * @param data              the push's data payload (string values); empty for email and SMS
 */
public record OutgoingMessage(UUID notificationId, UUID attemptId, String tenantId, String channel, String to,
                              String from, String messagingServiceSid, String subject, String text, String html,
                              String statusCallbackUrl, String unsubscribeUrl, java.util.Map<String, String> data) {
    /** A copy addressed to one push device: its token, and its app as the sender (the APNs topic). */
    public OutgoingMessage toDevice(UUID attempt, String token, String appId) {
        return new OutgoingMessage(notificationId, attempt, tenantId, channel, token, appId, null, subject, text, html,
                null, null, data);
    }
}

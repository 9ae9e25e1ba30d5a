package com.keystone.crm.notification.provider;

import java.util.UUID;

/**
 * What one provider call sends: rendered content and addresses, plus the request tag ({@code notificationId}) a
 * provider can carry (status callback query, Message-ID) so that an unknown outcome can be reconciled.
 *
 * @param statusCallbackUrl where the provider reports delivery (SMS); null for none
 * @param unsubscribeUrl    the signed one-click unsubscribe link (email); null for transactional mail
 */
public record OutgoingMessage(UUID notificationId, UUID attemptId, String tenantId, String channel, String to,
                              String from, String messagingServiceSid, String subject, String text, String html,
                              String statusCallbackUrl, String unsubscribeUrl) {
}

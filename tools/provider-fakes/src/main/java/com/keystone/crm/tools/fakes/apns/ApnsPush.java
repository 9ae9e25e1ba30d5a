package com.keystone.crm.tools.fakes.apns;

import java.time.Instant;

/**
 * One push notification the APNs fake accepted (or rejected, with {@code rejection} the APNs reason such as
 * "Unregistered" or "BadDeviceToken"). {@code title} and {@code body} come from {@code aps.alert}.
 */
public record ApnsPush(String deviceToken, String topic, String pushType, String priority, String collapseId,
                       String apnsId, String payload, String title, String body, String rejection,
                       Instant receivedAt) {

    public boolean accepted() {
        return rejection == null;
    }
}

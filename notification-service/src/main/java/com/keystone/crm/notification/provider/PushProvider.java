package com.keystone.crm.notification.provider;

/** A push provider: sends to the device tokens of some platforms (FCM: android, APNs: ios). */
public interface PushProvider extends MessageProvider {
    boolean serves(String platform);
}

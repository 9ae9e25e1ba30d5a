package com.keystone.crm.notification.device.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A device to register for the caller: the provider's token (FCM registration token, APNs device token as hex), the
 * platform and the app (Android package or iOS bundle id); leadAlerts (default true) is the "new lead" preference.
 */
public record DeviceRequest(
        @NotNull @Size(min = 16, max = 1024) @Pattern(regexp = "[A-Za-z0-9_:.\\-]+", message = "a push token (letters, digits, _ : . -)") String token,
        @NotNull @Pattern(regexp = "android|ios", message = "android or ios") String platform,
        @NotNull @Size(min = 1, max = 255) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_-]+)+", message = "an app id such as com.keystone.crm.agent") String appId,
        Boolean leadAlerts) {
}

package com.keystone.crm.tools.fakes.apns;

import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.keystone.crm.tools.fakes.FailureMode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.util.regex.Pattern;

/** Decides each push as APNs would: provider token, topic, device token, payload, then the injected faults. */
final class ApnsHandler implements PushNotificationHandler {

    private static final Pattern DEVICE_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int MAX_PAYLOAD = 4096;

    private final ApnsFake fake;

    ApnsHandler(ApnsFake fake) {
        this.fake = fake;
    }

    @Override
    public void handlePushNotification(Http2Headers headers, ByteBuf payload) throws RejectedNotificationException {
        FailureMode fault = fake.takeFault();
        if (fault != null) {
            throw new RejectedNotificationException(switch (fault) {
                case RATE_LIMITED -> RejectionReason.TOO_MANY_REQUESTS;
                case SERVICE_UNAVAILABLE -> RejectionReason.SERVICE_UNAVAILABLE;
                default -> RejectionReason.INTERNAL_SERVER_ERROR;
            });
        }
        CharSequence authorization = headers.get("authorization");
        if (authorization == null) {
            throw new RejectedNotificationException(RejectionReason.MISSING_PROVIDER_TOKEN);
        }
        String value = authorization.toString();
        if (!value.regionMatches(true, 0, "bearer ", 0, 7)) {
            throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        AuthenticationToken token;
        try {
            token = new AuthenticationToken(value.substring(7).trim());
        } catch (RuntimeException e) {
            throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        if (!fake.keyId().equals(token.getKeyId()) || !fake.teamId().equals(token.getTeamId())
                || !token.verifySignature(fake.verificationKey())) {
            throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        if (token.getIssuedAt().plus(TOKEN_LIFETIME).isBefore(fake.clock().instant())) {
            throw new RejectedNotificationException(RejectionReason.EXPIRED_PROVIDER_TOKEN);
        }
        CharSequence topic = headers.get("apns-topic");
        if (topic == null) {
            throw new RejectedNotificationException(RejectionReason.MISSING_TOPIC);
        }
        String bundle = topic.toString().replaceFirst("\\.(voip|complication|pushkit\\.fileprovider)$", "");
        if (!fake.topics().contains(bundle)) {
            throw new RejectedNotificationException(RejectionReason.TOPIC_DISALLOWED);
        }
        String path = headers.path() == null ? "" : headers.path().toString();
        String deviceToken = path.startsWith("/3/device/") ? path.substring(10) : "";
        if (deviceToken.isEmpty()) {
            throw new RejectedNotificationException(RejectionReason.MISSING_DEVICE_TOKEN);
        }
        if (!DEVICE_TOKEN.matcher(deviceToken).matches()) {
            throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
        }
        if (fake.unregisteredAt(deviceToken) != null) {
            throw new UnregisteredDeviceTokenException(fake.unregisteredAt(deviceToken));
        }
        if (payload == null || payload.readableBytes() == 0) {
            throw new RejectedNotificationException(RejectionReason.PAYLOAD_EMPTY);
        }
        if (payload.readableBytes() > MAX_PAYLOAD) {
            throw new RejectedNotificationException(RejectionReason.PAYLOAD_TOO_LARGE);
        }
    }
}

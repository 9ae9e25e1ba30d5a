package com.keystone.crm.notification.provider;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.keystone.crm.notification.config.NotifyConfig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Push to iOS devices through APNs (HTTP/2, token-based auth with the team's .p8 key) with Pushy's client. The
 * device's app id is the apns-topic; the delivery id is the apns-collapse-id, so a resend after an unknown outcome
 * replaces the first alert on the phone instead of showing it twice.
 *
 * <p>BadDeviceToken, Unregistered and DeviceTokenNotForTopic are the device's fault (it is removed); every other
 * rejection (provider token, throttling, 5xx, shutdown) and a connection failure are the provider's.
 */
public class ApnsProvider implements PushProvider, AutoCloseable {
    static final Set<String> DEVICE_REJECTIONS = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic");

    private final String name;
    private final String defaultTopic;
    private final long timeoutMillis;
    private final ApnsClient client;

    public ApnsProvider(String name, NotifyConfig.Provider config) {
        this.name = name;
        this.defaultTopic = config.topic().orElse(null);
        this.timeoutMillis = config.timeout().toMillis();
        String prefix = "crm.notify.providers." + name + ".";
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(config.host().orElse(ApnsClientBuilder.PRODUCTION_APNS_HOST), config.port().orElse(443))
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(config.signingKeyFile().orElseThrow(() ->
                                    new IllegalStateException(prefix + "signing-key-file is required"))),
                            config.teamId().orElseThrow(() -> new IllegalStateException(prefix + "team-id is required")),
                            config.keyId().orElseThrow(() -> new IllegalStateException(prefix + "key-id is required"))))
                    .setConnectionTimeout(config.timeout());
            if (config.trustedCertificateFile().isPresent()) {
                builder.setTrustedServerCertificateChain(new File(config.trustedCertificateFile().get()));
            }
            this.client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(prefix + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(prefix + "signing-key-file: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String channel() {
        return "push";
    }

    /** ios: APNs device tokens. */
    @Override
    public boolean serves(String platform) {
        return "ios".equals(platform);
    }

    @Override
    public String send(OutgoingMessage m) throws ProviderFault, RecipientFault, OutcomeUnknown {
        SimpleApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder();
        if (m.subject() != null) {
            payload.setAlertTitle(m.subject());
        }
        payload.setAlertBody(m.text()).setSound("default");
        if (m.data() != null) {
            m.data().forEach(payload::addCustomProperty);
        }
        String topic = m.from() != null ? m.from() : defaultTopic;
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(m.to(), topic, payload.build(),
                null, DeliveryPriority.IMMEDIATE, PushType.ALERT, m.notificationId().toString());
        PushNotificationResponse<SimpleApnsPushNotification> response;
        try {
            response = client.sendNotification(notification).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OutcomeUnknown("APNs did not answer in time", e);
        } catch (ExecutionException e) {
            // Pushy fails the future before anything is written when it cannot connect or the channel is closed
            throw new ProviderFault("connect", "APNs unreachable: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknown("interrupted during the APNs call", e);
        }
        if (response.isAccepted()) {
            return response.getApnsId().toString();
        }
        String reason = response.getRejectionReason().orElse("status " + response.getStatusCode());
        String message = "APNs rejected the push (" + response.getStatusCode() + " " + reason + ")"
                + response.getTokenInvalidationTimestamp().map(t -> "; token invalid since " + t).orElse("");
        if (DEVICE_REJECTIONS.contains(reason)) {
            throw new RecipientFault(reason, message, false);
        }
        throw new ProviderFault(reason, message, null);
    }

    @Override
    public Optional<String> find(OutgoingMessage message, Instant since, Set<String> knownIds) {
        throw new UnsupportedOperationException("APNs cannot be asked which pushes it took");
    }

    @Override
    public UnknownOutcome unknownOutcome() {
        return UnknownOutcome.RESEND_SAME_ID;
    }

    @Override
    public void close() {
        client.close();
    }
}

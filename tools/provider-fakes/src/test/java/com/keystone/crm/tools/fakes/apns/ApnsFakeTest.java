package com.keystone.crm.tools.fakes.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.keystone.crm.tools.fakes.FailureMode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApnsFakeTest {

    private static final String TOPIC = "com.keystone.crm.agent";
    private static final String DEVICE = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
    private static ApnsFake apns;
    private static ApnsClient client;

    @BeforeAll
    static void start() throws Exception {
        apns = ApnsFake.start();
        client = client(apns, ApnsSigningKey.loadFromInputStream(apns.signingKeyPkcs8(), apns.teamId(), apns.keyId()));
    }

    private static ApnsClient client(ApnsFake server, ApnsSigningKey key) throws Exception {
        return new ApnsClientBuilder()
                .setApnsServer(server.host(), server.port())
                .setTrustedServerCertificateChain(server.serverCertificate())
                .setSigningKey(key)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close().get();
        apns.close();
    }

    @AfterEach
    void reset() {
        apns.reset();
    }

    private static PushNotificationResponse<SimpleApnsPushNotification> push(ApnsClient via, String token, String topic)
            throws Exception {
        String payload = new SimpleApnsPayloadBuilder().setAlertTitle("New lead").setAlertBody("Jane Doe, 123 Main St")
                .setSound("default").addCustomProperty("leadId", "L-1").build();
        return via.sendNotification(new SimpleApnsPushNotification(token, topic, payload)).get();
    }

    @Test
    void pushyDeliversOverTlsWithTokenAuthAndThePushIsRecorded() throws Exception {
        PushNotificationResponse<SimpleApnsPushNotification> response = push(client, DEVICE, TOPIC);

        assertThat(response.isAccepted()).isTrue();
        assertThat(response.getStatusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !apns.pushesTo(DEVICE).isEmpty());
        assertThat(apns.pushesTo(DEVICE)).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(TOPIC);
            assertThat(p.title()).isEqualTo("New lead");
            assertThat(p.body()).isEqualTo("Jane Doe, 123 Main St");
            assertThat(p.payload()).contains("\"leadId\":\"L-1\"");
            assertThat(p.accepted()).isTrue();
        });
    }

    @Test
    void badAndUnregisteredDeviceTokensAreRefusedAsApnsDoes() throws Exception {
        PushNotificationResponse<SimpleApnsPushNotification> bad = push(client, "not-a-token", TOPIC);
        assertThat(bad.isAccepted()).isFalse();
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getRejectionReason()).contains("BadDeviceToken");

        apns.unregister(DEVICE);
        PushNotificationResponse<SimpleApnsPushNotification> gone = push(client, DEVICE, TOPIC);
        assertThat(gone.getStatusCode()).isEqualTo(410);
        assertThat(gone.getRejectionReason()).contains("Unregistered");
        assertThat(gone.getTokenInvalidationTimestamp()).isPresent();

        PushNotificationResponse<SimpleApnsPushNotification> otherApp = push(client, DEVICE.replace('a', 'b'),
                "com.other.app");
        assertThat(otherApp.getRejectionReason()).contains("TopicDisallowed");
        assertThat(apns.pushes()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> apns.rejections().size() == 3);
        assertThat(apns.rejections()).extracting(ApnsPush::rejection).hasSize(3);
    }

    @Test
    void aForeignOrExpiredProviderTokenIsRefused() throws Exception {
        try (ApnsFake other = ApnsFake.start()) {
            ApnsClient foreign = client(apns, ApnsSigningKey.loadFromInputStream(other.signingKeyPkcs8(),
                    apns.teamId(), apns.keyId()));
            try {
                assertThat(push(foreign, DEVICE, TOPIC).getRejectionReason()).contains("InvalidProviderToken");
            } finally {
                foreign.close().get();
            }
        }
        try (ApnsFake future = ApnsFake.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).start()) {
            ApnsClient late = client(future, future.signingKey());
            try {
                assertThat(push(late, DEVICE, TOPIC).getRejectionReason()).contains("ExpiredProviderToken");
            } finally {
                late.close().get();
            }
        }
    }

    @Test
    void injectedFaultsAreApnsErrors() throws Exception {
        apns.failNext(1, FailureMode.RATE_LIMITED).failNext(1, FailureMode.SERVICE_UNAVAILABLE)
                .failNext(1, FailureMode.SERVER_ERROR);
        assertThat(push(client, DEVICE, TOPIC).getStatusCode()).isEqualTo(429);
        assertThat(push(client, DEVICE, TOPIC).getStatusCode()).isEqualTo(503);
        assertThat(push(client, DEVICE, TOPIC).getStatusCode()).isEqualTo(500);
        apns.failAlways(FailureMode.SERVER_ERROR);
        assertThat(push(client, DEVICE, TOPIC).getStatusCode()).isEqualTo(500);
        apns.clearFaults();
        assertThat(push(client, DEVICE, TOPIC).isAccepted()).isTrue();
        assertThatThrownBy(() -> apns.failNext(1, FailureMode.HANG)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(apns.serverCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }
}

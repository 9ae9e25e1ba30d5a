package com.keystone.crm.platform.testkit;

import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The gateway's {@code auth.access-revoked} events as a service under test receives them: published on the test Kafka
 * as the gateway would, and a wait for the service's consumer to be running before a test measures how fast a
 * revocation takes effect.
 */
public final class TestRevocations {
    private TestRevocations() {
    }

    /** Completes {@code b} (id, tenant, version, times; valid 16 minutes, beyond any access token) and publishes it. */
    public static UUID publish(String tenantId, AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> b) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AuthAccessRevoked r = b.withRevocationId(UUID.randomUUID()).withTenantId(tenantId).withVersion(1L).withOccurredAt(now)
                .withExpiresAt(now.plus(Duration.ofMinutes(16))).build();
        KafkaEvents.publish(r.getRevocationId().toString(), UUID.randomUUID(), "/api-gateway", r);
        return r.getRevocationId();
    }

    /**
     * Waits until a warm-up revocation is stored in {@code database}'s {@code revoked_access}: a freshly booted service's
     * consumer may still be joining its group (seconds under load), which a test of revocation latency must not count.
     */
    public static void awaitConsumerRunning(String tenantId, String database) {
        UUID id = publish(tenantId, AuthAccessRevoked.builder().withUserId("warm-up-" + UUID.randomUUID())
                .withReason(AuthAccessRevoked.Reason.LOGOUT).withJti("warm-up"));
        TestDatabase db = new TestDatabase(database);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                db.count("SELECT count(*) FROM revoked_access WHERE revocation_id = ?", id) == 1);
    }
}

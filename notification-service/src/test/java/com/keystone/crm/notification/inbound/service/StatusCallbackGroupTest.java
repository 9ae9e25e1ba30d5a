package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.notification.Db;
import com.keystone.crm.notification.NotificationServiceTestResource;
import com.keystone.crm.notification.Requests;
import com.keystone.crm.notification.TestProviders;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Final status callbacks applied as one group (the webhook's group commit): a sent delivery now delivered takes the
 * set-based path, every other state the one-by-one path, and a copy within the group or of an earlier group is a
 * replay that changes nothing.
 */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class StatusCallbackGroupTest {
    @Inject
    StatusCallbacks callbacks;

    @Test
    void aGroupAppliesEachCallbackOnceWhateverStateItsDeliveryIsIn() {
        UUID a = sent("SMa");
        UUID b = sent("SMb");
        UUID c = sendingWithPendingAttempt();
        UUID d = sent("SMd");
        UUID e = sent("SMe");
        List<StatusCallbacks.Callback> group = List.of(
                new StatusCallbacks.Callback(a, "SMa", "delivered", null),
                new StatusCallbacks.Callback(a, "SMa", "delivered", null),   // Twilio sent it twice
                new StatusCallbacks.Callback(b, "SMb", "delivered", null),
                new StatusCallbacks.Callback(c, "SMc", "delivered", null),   // overtook the worker's record of the call
                new StatusCallbacks.Callback(d, "SMd", "undelivered", "30003"),
                new StatusCallbacks.Callback(e, "SMx", "delivered", null));  // another message's sid

        assertThat(applyAll(group)).containsExactly(true, false, true, true, true, true);

        assertThat(Requests.column("status", a)).isEqualTo("delivered");
        assertThat(Requests.column("status", b)).isEqualTo("delivered");
        assertThat(Requests.column("status", c)).isEqualTo("delivered");
        assertThat(Requests.column("status", d)).isEqualTo("failed");
        assertThat(Requests.column("failure_reason", d)).isEqualTo("invalid-address");
        assertThat(Requests.column("status", e)).isEqualTo("sent");
        assertThat(Requests.attempts(c)).containsExactly("twilio-a:accepted");
        // the set-based path advanced each event version once, and published it
        assertThat(Requests.column("event_version", a)).isEqualTo("4");
        CapturedEvent delivered = KafkaEvents.awaitEvent("notification.delivered",
                ev -> ev.key().equals(a.toString()) && ev.value().path("status").asText().equals("delivered"));
        KafkaEvents.assertSchemaValid(delivered);
        assertThat(delivered.value().path("version").asLong()).isEqualTo(4);
        assertThat(delivered.value().path("providerMessageId").asText()).isEqualTo("SMa");
        assertThat(KafkaEvents.awaitEvent("notification.delivered",
                ev -> ev.key().equals(c.toString()) && ev.value().path("status").asText().equals("delivered"))).isNotNull();
        assertThat(KafkaEvents.awaitEvent("notification.failed", ev -> ev.key().equals(d.toString()))
                .value().path("errorCode").asText()).isEqualTo("30003");

        // the same facts again, in a later group: replays, nothing changes
        assertThat(applyAll(group.subList(0, 3))).containsExactly(false, false, false);
        assertThat(Requests.column("event_version", a)).isEqualTo("4");
        assertThat(Db.rows("SELECT count(*) AS n FROM outbox_event WHERE aggregateid = ? AND type = 'notification.delivered'",
                a.toString()).get(0).get("n")).isEqualTo(1L);
    }

    private List<Boolean> applyAll(List<StatusCallbacks.Callback> group) {
        return LeasedWorker.await(() -> Panache.withTransaction(() -> callbacks.applyAll(group)));
    }

    /** A delivery the provider accepted (its sent event published: event version 3). */
    private static UUID sent(String sid) {
        UUID id = UUID.randomUUID();
        Db.rows("INSERT INTO notification (id, tenant_id, request_id, channel, category, recipient_kind, address, requested_by, "
                + "body, sender, status, attempts, due_at, provider, provider_message_id, event_version, created_at, updated_at) "
                + "VALUES (?, 'acme', ?, 'sms', 'transactional', 'address', '+12125550188', 'test', 'Hello', ?, 'sent', 1, now(), "
                + "'twilio-a', ?, 3, now(), now()) RETURNING id", id, UUID.randomUUID(), TestProviders.OUR_NUMBER, sid);
        return id;
    }

    /** A delivery whose call returned but whose record of it is not committed yet: sending, its attempt pending. */
    private static UUID sendingWithPendingAttempt() {
        UUID id = UUID.randomUUID();
        Db.rows("WITH n AS (INSERT INTO notification (id, tenant_id, request_id, channel, category, recipient_kind, address, "
                + "requested_by, body, sender, status, attempts, due_at, provider, lease_owner, lease_expires_at, created_at, updated_at) "
                + "VALUES (?, 'acme', ?, 'sms', 'transactional', 'address', '+12125550189', 'test', 'Hello', ?, 'sending', 1, "
                + "now() + interval '1 hour', 'twilio-a', 'busy-instance', now() + interval '1 hour', now(), now()) RETURNING id) "
                + "INSERT INTO delivery_attempt (id, notification_id, attempt_no, provider, outcome, started_at) "
                + "SELECT ?, n.id, 1, 'twilio-a', 'pending', now() FROM n RETURNING notification_id",
                id, UUID.randomUUID(), TestProviders.OUR_NUMBER, UUID.randomUUID());
        return id;
    }
}

package com.keystone.crm.notification;

import com.keystone.crm.platform.contracts.events.Channel;
import com.keystone.crm.platform.contracts.events.NotificationRequested;
import com.keystone.crm.platform.contracts.events.Recipient;
import com.keystone.crm.platform.testkit.KafkaEvents;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;


/** notification.requested as workflow-service publishes it, and checks of the delivery it becomes. */
public final class Requests {
    private Requests() {
    }

    public static NotificationRequested.NotificationRequestedBuilderBase<? extends NotificationRequested> email(
            String tenant, UUID requestId, String to, String category) {
        return NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(Channel.EMAIL)
                .withCategory(NotificationRequested.Category.fromValue(category))
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.ADDRESS).withEmail(to).build())
                .withSubject("Hello").withBody("Hello from Keystone").withRequestedBy("workflow:wf-1");
    }

    public static NotificationRequested.NotificationRequestedBuilderBase<? extends NotificationRequested> sms(
            String tenant, UUID requestId, String to, String category) {
        return NotificationRequested.builder().withRequestId(requestId).withTenantId(tenant).withVersion(1L)
                .withOccurredAt(Instant.now()).withChannel(Channel.SMS)
                .withCategory(NotificationRequested.Category.fromValue(category))
                .withRecipient(Recipient.builder().withKind(Recipient.Kind.ADDRESS).withPhone(to).build())
                .withBody("Hi, a new listing matches your search").withRequestedBy("workflow:wf-1");
    }

    public static void publish(NotificationRequested request) {
        KafkaEvents.publish(request.getRequestId().toString(), UUID.randomUUID(), "/workflow-service", request);
    }

    /** {@link #publish} without waiting for Kafka's acknowledgement (a load generator's pace): await the answer later. */
    public static java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(NotificationRequested request) {
        return KafkaEvents.send(request.getRequestId().toString(), UUID.randomUUID(), "/workflow-service", request);
    }

    public static void publish(NotificationRequested request, UUID eventId) {
        KafkaEvents.publish(request.getRequestId().toString(), eventId, "/workflow-service", request);
    }

    /** Waits until the request's delivery has one of the statuses; answers its id. */
    public static UUID awaitStatus(String tenant, UUID requestId, String... statuses) {
        java.util.List<String> wanted = java.util.List.of(statuses);
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> wanted.contains(String.valueOf(Db.one(
                "SELECT status FROM notification WHERE tenant_id = ? AND request_id = ?", tenant, requestId))));
        return (UUID) Db.one("SELECT id FROM notification WHERE tenant_id = ? AND request_id = ?", tenant, requestId);
    }

    /** One column of a delivery, as text. */
    public static String column(String column, UUID notificationId) {
        Object v = Db.one("SELECT " + column + "::text FROM notification WHERE id = ?", notificationId);
        return v == null ? null : v.toString();
    }

    /** The outcomes of a delivery's attempts, in order, as provider:outcome. */
    public static java.util.List<String> attempts(UUID notificationId) {
        return Db.rows("SELECT provider, outcome FROM delivery_attempt WHERE notification_id = ? ORDER BY attempt_no", notificationId)
                .stream().map(r -> r.get("provider") + ":" + r.get("outcome")).toList();
    }

    /**
     * Puts a queued delivery into the state a crash between the provider call and its record leaves: an attempt at
     * {@code provider} still pending, the delivery {@code sending} with its lease run out, due now. The worker claims
     * it and must settle the pending attempt by the provider's unknown-outcome rule before anything else.
     */
    public static void crashedDuringTheCall(UUID notificationId, String provider, UUID deviceId) {
        Db.rows("INSERT INTO delivery_attempt (id, notification_id, attempt_no, provider, outcome, started_at, device_id) "
                + "VALUES (gen_random_uuid(), ?, 1, ?, 'pending', now() - interval '1 second', ?) RETURNING id",
                notificationId, provider, deviceId);
        Db.rows("UPDATE notification SET status = 'sending', attempts = 1, provider = ?, lease_owner = 'a-dead-worker', "
                + "lease_expires_at = now() - interval '1 second', due_at = now() - interval '1 second' WHERE id = ? RETURNING id",
                provider, notificationId);
    }
}

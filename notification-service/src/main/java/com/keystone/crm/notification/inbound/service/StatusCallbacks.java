package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.delivery.domain.DeliveryAttempt;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.delivery.service.DeliveryEvents;
import com.keystone.crm.platform.chassis.persistence.JsonParameter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Twilio status callbacks applied to a delivery: delivered → notification.delivered (delivered); undelivered or
 * failed → notification.failed with Twilio's error code (and 21610 puts the number on the suppression list).
 * Intermediate statuses (queued, sending, sent) change nothing.
 */
@ApplicationScoped
public class StatusCallbacks {
    /** Twilio delivery errors that are the recipient's number (unreachable, landline, unknown, blocked). */
    static final Set<String> RECIPIENT_ERRORS = Set.of("30003", "30005", "30006", "21211", "21614");
    static final String UNSUBSCRIBED = "21610";
    /**
     * ?1: a JSON object, delivery id → message sid. The ids are an array computed once and looked up in the primary
     * key (joined to the JSON as a table, the planner scanned the whole table once it had grown).
     */
    static final String DELIVER_SENT = "UPDATE notification n SET status = 'delivered', updated_at = ?2, "
            + "event_version = n.event_version + 1 "
            + "WHERE n.id = ANY(ARRAY(SELECT cast(k as uuid) FROM " + JsonParameter.objectKeys(1) + " AS k)) "
            + "AND n.status = 'sent' "
            + "AND (n.provider_message_id IS NULL OR n.provider_message_id = " + JsonParameter.jsonb(1) + " ->> cast(n.id as text)) "
            + "RETURNING n.*";

    private final WebhookReceipts receipts;
    private final DeliveryEvents events;
    private final Suppressions suppressions;
    private final CrmClock clock;

    public StatusCallbacks(WebhookReceipts receipts, DeliveryEvents events, Suppressions suppressions, CrmClock clock) {
        this.receipts = receipts;
        this.events = events;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    /** One status callback: the delivery it names (our request tag), Twilio's message sid, the status and error code. */
    public record Callback(UUID notificationId, String messageSid, String status, String errorCode) {
        String receiptKey() {
            return "twilio-status:" + messageSid + ":" + status;
        }
    }

    /** False for a replay (this status of this message was applied before). In its own transaction. */
    public Uni<Boolean> apply(UUID notificationId, String messageSid, String status, String errorCode) {
        if (!isFinal(status)) {
            // queued, sending, sent: nothing to apply, so nothing to record (a replay of one changes nothing either)
            return Uni.createFrom().item(true);
        }
        Callback c = new Callback(notificationId, messageSid, status, errorCode);
        return Panache.withTransaction(() -> receipts.first(c.receiptKey())
                .chain(first -> first ? applyFirst(c).replaceWith(true) : Uni.createFrom().item(false)));
    }

    /**
     * Final callbacks together, in the caller's transaction: their receipts in one statement, the common case (a sent
     * message now delivered) in one update and one outbox statement, the rest one by one as {@link #apply} does.
     * Answers, per callback in order, false for a replay (including a second copy within {@code callbacks}).
     */
    public Uni<List<Boolean>> applyAll(List<Callback> callbacks) {
        return receipts.firstOf(callbacks.stream().map(Callback::receiptKey).toList()).chain(recorded -> {
            Set<String> unclaimed = new HashSet<>(recorded);
            List<Boolean> first = new ArrayList<>(callbacks.size());
            List<Callback> fresh = new ArrayList<>();
            for (Callback c : callbacks) {
                boolean isFirst = unclaimed.remove(c.receiptKey());
                first.add(isFirst);
                if (isFirst) {
                    fresh.add(c);
                }
            }
            List<Callback> delivered = fresh.stream().filter(c -> "delivered".equals(c.status())).toList();
            return markDelivered(delivered).chain(settled -> Multi.createFrom().iterable(fresh)
                            .filter(c -> !(settled.contains(c.notificationId()) && "delivered".equals(c.status())))
                            .onItem().transformToUniAndConcatenate(this::applyFirst).collect().asList())
                    .replaceWith(first);
        });
    }

    /**
     * The sent deliveries these delivered callbacks name, delivered in one statement (the database advances their
     * event version), with their notification.delivered in one outbox statement; answers the ids it settled. Any
     * other state (the worker's record of the call not committed yet, already final, another message's sid) is left
     * to {@link #applyFirst}.
     */
    private Uni<Set<UUID>> markDelivered(List<Callback> delivered) {
        if (delivered.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Map<String, String> sids = new LinkedHashMap<>();
        delivered.forEach(c -> sids.put(c.notificationId().toString(), c.messageSid()));
        String rows = JsonParameter.of(sids);
        return Panache.getSession().chain(s -> s.createNativeQuery(DELIVER_SENT, Notification.class).setParameter(1, rows)
                        .setParameter(2, clock.now().atOffset(ZoneOffset.UTC)).getResultList())
                .chain(changed -> events.appendAll(changed.stream()
                                .map(n -> events.deliveredEventAsRecorded(n, NotificationDelivered.Status.DELIVERED)).toList())
                        .replaceWith(changed.stream().map(n -> n.id).collect(Collectors.toSet())));
    }

    /** A callback seen for the first time, applied to its delivery (locked) in the caller's transaction. */
    private Uni<Void> applyFirst(Callback c) {
        return Panache.getSession().chain(s -> s.find(Notification.class, c.notificationId(), LockMode.PESSIMISTIC_WRITE))
                .chain(n -> n == null ? Uni.createFrom().voidItem() : update(n, c.messageSid(), c.status(), c.errorCode()));
    }

    private Uni<Void> update(Notification n, String sid, String status, String errorCode) {
        if (n.providerMessageId != null && !n.providerMessageId.equals(sid)) {
            return Uni.createFrom().voidItem(); // a callback of another message: not this delivery's
        }
        return settleInFlight(n, sid).chain(() -> {
            if (!Notification.SENT.equals(n.status)) {
                return Uni.createFrom().voidItem(); // already final
            }
            n.updatedAt = clock.now();
            if ("delivered".equals(status)) {
                n.status = Notification.DELIVERED;
                return events.delivered(n, NotificationDelivered.Status.DELIVERED);
            }
            n.status = Notification.FAILED;
            n.errorCode = errorCode;
            n.errorMessage = "Twilio reported " + status + (errorCode == null ? "" : " (error " + errorCode + ")");
            NotificationFailed.Reason reason = UNSUBSCRIBED.equals(errorCode) ? NotificationFailed.Reason.SUPPRESSED
                    : RECIPIENT_ERRORS.contains(errorCode) ? NotificationFailed.Reason.INVALID_ADDRESS
                    : NotificationFailed.Reason.REJECTED;
            n.failureReason = reason.value();
            Uni<Void> suppress = !UNSUBSCRIBED.equals(errorCode) ? Uni.createFrom().voidItem()
                    : suppressions.add(new Suppressions.Addition(n.tenantId, n.channel, n.address, Suppression.ALL,
                    "sms-keyword", null, n.leadId, null, "notification-service")).replaceWithVoid();
            return suppress.chain(() -> events.failed(n, reason, true));
        });
    }

    /** A status after which Twilio sends no other: delivered, undelivered or failed. */
    static boolean isFinal(String status) {
        return "delivered".equals(status) || "undelivered".equals(status) || "failed".equals(status);
    }

    /**
     * The callback can overtake the worker's record of the provider's answer (the call returned, its transaction not
     * yet committed), or come for an attempt whose answer was lost (held {@code reconciling}): the callback proves the
     * acceptance, so it is recorded here and the worker's later record changes nothing.
     */
    Uni<Void> settleInFlight(Notification n, String sid) {
        boolean reconciling = Notification.HELD.equals(n.status) && "reconciling".equals(n.holdReason);
        if (!Notification.SENDING.equals(n.status) && !reconciling) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createQuery("from DeliveryAttempt where notificationId = :n and outcome = :o "
                                + "order by attemptNo desc", DeliveryAttempt.class)
                        .setParameter("n", n.id).setParameter("o", DeliveryAttempt.PENDING).setMaxResults(1).getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    DeliveryAttempt a = rows.get(0);
                    a.outcome = DeliveryAttempt.ACCEPTED;
                    a.providerMessageId = sid;
                    a.finishedAt = clock.now();
                    n.status = Notification.SENT;
                    n.provider = a.provider;
                    n.providerMessageId = sid;
                    n.leaseOwner = null;
                    n.leaseExpiresAt = null;
                    n.holdReason = null;
                    return events.delivered(n, NotificationDelivered.Status.SENT);
                });
    }
}

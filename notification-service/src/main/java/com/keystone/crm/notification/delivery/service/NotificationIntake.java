package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Takes a request into the delivery queue, once per tenant and request id (a repeated request answers the row the
 * first one made). A request that can never be sent (no address for the channel, an unsupported channel) is
 * recorded as failed at once, with notification.failed. Runs in the caller's transaction; wake the worker after it.
 */
@ApplicationScoped
public class NotificationIntake {
    /** How far ahead notBefore may be: a message to send later than this is refused (it would be stale anyway). */
    public static final java.time.Duration MAX_DELAY = java.time.Duration.ofDays(366);

    private final DeliveryEvents events;
    private final CrmClock clock;

    public NotificationIntake(DeliveryEvents events, CrmClock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Uni<Accepted> accept(SendCommand c) {
        return Panache.getSession().chain(s -> s.createQuery("from Notification where tenantId = :t and requestId = :r", Notification.class)
                        .setParameter("t", c.tenantId()).setParameter("r", c.requestId()).getResultList())
                .chain(existing -> existing.isEmpty() ? insert(c).map(n -> new Accepted(n, true))
                        : Uni.createFrom().item(new Accepted(existing.get(0), false)));
    }

    /**
     * {@link #accept} for a polled batch of requests, in order: the ones already taken (by an earlier event, or earlier
     * in this batch) are looked up with one statement and left as they are; the others are inserted.
     */
    public Uni<Void> acceptAll(List<SendCommand> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> requestIds = commands.stream().map(SendCommand::requestId).distinct().toList();
        return Panache.getSession().chain(s -> s.createQuery("select tenantId, requestId from Notification where requestId in :r", Object[].class)
                        .setParameter("r", requestIds).getResultList())
                .chain(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(key((String) r[0], (UUID) r[1])));
                    List<SendCommand> fresh = commands.stream().filter(c -> taken.add(key(c.tenantId(), c.requestId()))).toList();
                    return Multi.createFrom().iterable(fresh).onItem().transformToUniAndConcatenate(this::insert)
                            .collect().last().replaceWithVoid();
                });
    }

    private static String key(String tenantId, UUID requestId) {
        return tenantId + "/" + requestId;
    }

    private Uni<Notification> insert(SendCommand c) {
        Instant now = clock.now();
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.tenantId = c.tenantId();
        n.requestId = c.requestId();
        n.channel = c.channel();
        n.category = c.category();
        n.recipientKind = c.recipientKind();
        n.address = addressFor(c);
        n.recipientName = c.recipientName();
        n.recipientTimezone = c.timezone();
        n.leadId = c.leadId() != null ? c.leadId() : null;
        n.userId = c.userId();
        n.workflowId = c.workflowId();
        n.enrollmentId = c.enrollmentId();
        n.stepId = c.stepId();
        n.requestedBy = c.requestedBy();
        n.templateKey = c.templateKey();
        n.locale = c.locale();
        n.variables = c.variables();
        if (c.push() != null) {
            n.pushType = c.push().type();
            n.pushMethod = c.push().assignmentMethod();
        }
        n.subject = c.subject();
        n.body = c.templateKey() == null ? c.body() : null; // a template's text is rendered at send time
        n.notBefore = c.notBefore();
        n.dueAt = c.notBefore() != null && c.notBefore().isAfter(now) ? c.notBefore() : now;
        n.status = Notification.QUEUED;
        n.createdAt = now;
        n.updatedAt = now;
        String unsendable = unsendable(n);
        if (unsendable == null) {
            return Panache.getSession().chain(s -> s.persist(n)).replaceWith(n);
        }
        n.status = Notification.FAILED;
        n.failureReason = "push".equals(n.channel) ? "no-device" : n.address == null ? "invalid-address" : "other";
        n.errorMessage = unsendable;
        NotificationFailed.Reason reason = NotificationFailed.Reason.fromValue(n.failureReason);
        return Panache.getSession().chain(s -> s.persist(n))
                .call(() -> events.failed(n, reason, true))
                .replaceWith(n);
    }

    /** The address for the channel: the request's own email or phone (else the lead's or user's, at send time); push: the user. */
    static String addressFor(SendCommand c) {
        return switch (c.channel()) {
            case "email" -> c.email() == null ? null : Suppressions.normalise("email", c.email());
            case "sms" -> c.phone();
            case "push" -> c.userId(); // the user's registered devices, looked up at send time
            default -> null;
        };
    }

    /** Why the request cannot be sent at all, or null. */
    static String unsendable(Notification n) {
        if (n.notBefore != null && n.notBefore.isAfter(n.createdAt.plus(MAX_DELAY))) {
            n.dueAt = n.createdAt;
            n.notBefore = null;
            return "notBefore is more than " + MAX_DELAY.toDays() + " days ahead";
        }
        if ("push".equals(n.channel) && n.address == null) {
            return "a push needs a user (recipient.userId) whose devices receive it";
        }
        if (n.address == null && resolvable(n)) {
            return null; // the lead's or user's current address is looked up at send time (contact.service.Contacts)
        }
        if (n.address == null) {
            return "the request names no " + ("email".equals(n.channel) ? "email address" : "phone number")
                    + " for the " + n.channel + " channel (recipient kind " + n.recipientKind + ")";
        }
        return null;
    }

    /** An email or SMS to a lead or user named by id: its address comes from the contacts this service keeps. */
    static boolean resolvable(Notification n) {
        return ("email".equals(n.channel) || "sms".equals(n.channel))
                && (("lead".equals(n.recipientKind) && n.leadId != null) || ("user".equals(n.recipientKind) && n.userId != null));
    }

    /** The notification and whether this request made it (false: an earlier request with the same id did). */
    public record Accepted(Notification notification, boolean created) {
    }
}

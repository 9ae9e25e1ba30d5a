package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.delivery.service.NotificationIntake;
import com.keystone.crm.notification.delivery.service.SendCommand;
import com.keystone.crm.notification.tenant.Senders;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An inbound SMS: the STOP family (FCC 2024 revocation keywords) puts the number on the marketing suppression list,
 * publishes contact.opted-out and sends one confirmation; START/UNSTOP removes it; HELP answers with the tenant's
 * help text; anything else is notification.replied, linked to the last message sent to that number, so a reply
 * stops automated follow-up. A STOP is also notification.replied, flagged optOut (consumers end follow-ups as
 * opted out, not as replied); START and HELP are not: the service answers them itself, and a keyword is not the
 * lead writing to the agent (it would start what a reply starts: an "answer the lead" task, the end of follow-ups).
 */
@ApplicationScoped
public class InboundSms {
    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT", "OPTOUT");
    static final Set<String> START = Set.of("START", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");
    static final String REPLY_AGGREGATE = "reply";

    private final WebhookReceipts receipts;
    private final Suppressions suppressions;
    private final NotificationIntake intake;
    private final Senders senders;
    private final OutboxWriter outbox;
    private final CrmClock clock;

    public InboundSms(WebhookReceipts receipts, Suppressions suppressions, NotificationIntake intake, Senders senders,
                      OutboxWriter outbox, CrmClock clock) {
        this.receipts = receipts;
        this.suppressions = suppressions;
        this.intake = intake;
        this.senders = senders;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The keyword an inbound text is, if it is one: trimmed, upper-cased, trailing punctuation dropped. */
    static String keyword(String body) {
        String k = body == null ? "" : body.trim().toUpperCase(Locale.ROOT).replaceAll("[.!]+$", "").replaceAll("\\s+", " ");
        return k;
    }

    /** Applies an inbound message once; answers what it was, or null for a replay. */
    public Uni<Outcome> receive(String messageSid, String from, String to, String body) {
        return Panache.withTransaction(() -> receipts.first("twilio-inbound:" + messageSid).chain(first -> {
            if (!first) {
                return Uni.createFrom().nullItem();
            }
            return lastSentTo(from, to).chain(last -> tenantOf(last, to).chain(tenant -> {
                if (tenant == null) {
                    return Uni.createFrom().item(Outcome.UNKNOWN_NUMBER);
                }
                String keyword = keyword(body);
                UUID replyId = UUID.nameUUIDFromBytes(("twilio-inbound:" + messageSid).getBytes(StandardCharsets.UTF_8));
                if (STOP.contains(keyword)) {
                    return optOut(tenant, last, replyId, messageSid, from, to, body, keyword);
                }
                if (START.contains(keyword)) {
                    return suppressions.remove(tenant, "sms", from, Suppression.MARKETING, "sms-keyword", "sms:" + from)
                            .chain(removed -> removed == 0 ? Uni.createFrom().item(Outcome.OPTED_IN)
                                    : confirm(tenant, from, messageSid, senders.startConfirmation()).replaceWith(Outcome.OPTED_IN));
                }
                if (HELP.contains(keyword)) {
                    return senders.of(tenant)
                            .chain(identity -> confirm(tenant, from, messageSid, identity.helpText())).replaceWith(Outcome.HELP);
                }
                return replied(tenant, last, replyId, messageSid, from, to, body, false).replaceWith(Outcome.REPLY);
            }));
        }));
    }

    private Uni<Outcome> optOut(String tenant, Notification last, UUID replyId, String sid, String from, String to,
                                String body, String keyword) {
        return suppressions.blocking(tenant, "sms", from, "marketing").chain(already -> replied(tenant, last, replyId, sid, from, to, body, true)
                .chain(() -> suppressions.add(new Suppressions.Addition(tenant, "sms", from, Suppression.MARKETING, "sms-keyword",
                        keyword, last == null ? null : last.leadId, replyId, "sms:" + from)))
                // one confirmation: only when this opt-out is new
                .chain(entry -> already != null ? Uni.createFrom().voidItem() : confirm(tenant, from, sid, senders.stopConfirmation()))
                .replaceWith(Outcome.OPTED_OUT));
    }

    /** Queues a transactional text to the sender (confirmation, help), once per inbound message. */
    private Uni<Void> confirm(String tenant, String to, String inboundSid, String text) {
        UUID requestId = UUID.nameUUIDFromBytes(("twilio-inbound-answer:" + inboundSid).getBytes(StandardCharsets.UTF_8));
        return intake.accept(new SendCommand(tenant, requestId, "sms", "transactional", "address", null, null, null, to,
                null, null, null, null, null, text, null, null, "notification-service", null, null, null, null)).replaceWithVoid();
    }

    private Uni<Void> replied(String tenant, Notification last, UUID replyId, String sid, String from, String to,
                              String body, boolean optOut) {
        NotificationReplied event = NotificationReplied.builder()
                .withReplyId(replyId).withTenantId(tenant).withVersion(1L).withOccurredAt(clock.now())
                .withChannel(NotificationReplied.Channel.SMS).withFrom(from).withTo(to)
                .withBody(body.length() > 20000 ? body.substring(0, 20000) : body)
                .withProviderMessageId(sid).withOptOut(optOut)
                .withDeliveryId(last == null ? null : last.id).withRequestId(last == null ? null : last.requestId)
                .withLeadId(last == null ? null : last.leadId).withUserId(last == null ? null : last.userId)
                .withWorkflowId(last == null ? null : last.workflowId)
                .withEnrollmentId(last == null ? null : last.enrollmentId)
                .withStepId(last == null ? null : last.stepId)
                .build();
        return outbox.append(OutboxEvent.of(REPLY_AGGREGATE, replyId.toString(), event));
    }

    /** The last message that went to this number from this sender (our number the reply came to). */
    private Uni<Notification> lastSentTo(String from, String ourNumber) {
        return Panache.getSession().chain(s -> s.createQuery("from Notification where channel = 'sms' and address = :a "
                                + "and sender = :us and status in ('sent', 'delivered') and requestedBy <> 'notification-service' "
                                + "order by createdAt desc", Notification.class)
                        .setParameter("a", from).setParameter("us", ourNumber).setMaxResults(1).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The tenant: the one the last message came from, else the one whose sender number received it. */
    private Uni<String> tenantOf(Notification last, String ourNumber) {
        if (last != null) {
            return Uni.createFrom().item(last.tenantId);
        }
        return senders.tenantOfNumber(ourNumber);
    }

    /** What an inbound message was. */
    public enum Outcome {
        OPTED_OUT, OPTED_IN, HELP, REPLY, UNKNOWN_NUMBER
    }
}

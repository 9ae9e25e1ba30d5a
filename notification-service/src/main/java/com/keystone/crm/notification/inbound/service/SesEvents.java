package com.keystone.crm.notification.inbound.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.delivery.service.DeliveryEvents;
import com.keystone.crm.notification.provider.SesProvider;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * SES notifications arriving as SNS HTTP messages: the SNS signature verified first ({@link SnsMessageVerifier}),
 * a subscription confirmation confirmed, a notification applied once (its SNS MessageId is the receipt key, so a
 * replay changes nothing):
 * <ul>
 *   <li>Delivery → notification.delivered (delivered);</li>
 *   <li>Bounce, Permanent → the address suppressed for every purpose (contact.opted-out) and the delivery failed
 *       {@code bounced} with the bounce's status code; Transient → failed {@code bounced}, not suppressed (SES already
 *       retried the mailbox);</li>
 *   <li>Complaint → the address suppressed for marketing ({@code spam-complaint}, contact.opted-out); the mail itself
 *       was delivered, so the delivery's status stays.</li>
 * </ul>
 * Both SES formats are read: identity notifications ({@code notificationType}) and configuration-set events
 * ({@code eventType}). The delivery is found by the {@value SesProvider#DELIVERY_TAG} tag, else by SES's message id.
 */
@ApplicationScoped
public class SesEvents {
    private static final Logger LOG = Logger.getLogger(SesEvents.class);
    static final String ACTOR = "notification-service";

    private final SnsMessageVerifier verifier;
    private final WebhookReceipts receipts;
    private final Suppressions suppressions;
    private final DeliveryEvents events;
    private final StatusCallbacks statusCallbacks;
    private final CrmClock clock;
    private final boolean confirmSubscriptions;
    private final ObjectMapper json = new ObjectMapper();

    public SesEvents(SnsMessageVerifier verifier, WebhookReceipts receipts, Suppressions suppressions, DeliveryEvents events,
                     StatusCallbacks statusCallbacks, CrmClock clock,
                     com.keystone.crm.notification.config.NotifyConfig config) {
        this.verifier = verifier;
        this.receipts = receipts;
        this.suppressions = suppressions;
        this.events = events;
        this.statusCallbacks = statusCallbacks;
        this.clock = clock;
        this.confirmSubscriptions = config.sns().confirmSubscriptions();
    }

    /** What became of an SNS message. */
    public enum Outcome { APPLIED, CONFIRMED, IGNORED, REPLAYED, FORGED, UNAVAILABLE }

    /** Verifies and applies one SNS HTTP message; {@code typeHeader} is x-amz-sns-message-type (must match the body). */
    public Uni<Result> receive(String body, String typeHeader) {
        return blocking(() -> verifier.verify(body)).chain(verified -> {
            if (!verified.ok()) {
                return Uni.createFrom().item(new Result(verified.unavailable() ? Outcome.UNAVAILABLE : Outcome.FORGED,
                        verified.problem()));
            }
            if (typeHeader != null && !typeHeader.equals(verified.type())) {
                return Uni.createFrom().item(new Result(Outcome.FORGED, "x-amz-sns-message-type does not match the message"));
            }
            return switch (verified.type()) {
                case "SubscriptionConfirmation" -> confirm(verified);
                case "Notification" -> Panache.withTransaction(() -> apply(verified.field("MessageId").orElse(""),
                        verified.field("Message").orElse("")));
                default -> Uni.createFrom().item(new Result(Outcome.IGNORED, verified.type()));
            };
        });
    }

    private Uni<Result> confirm(SnsMessageVerifier.Verified verified) {
        if (!confirmSubscriptions) {
            return Uni.createFrom().item(new Result(Outcome.IGNORED, "subscriptions are confirmed by hand"));
        }
        String url = verified.field("SubscribeURL").orElse("");
        return blocking(() -> verifier.confirm(url)).map(ok -> ok ? new Result(Outcome.CONFIRMED, null)
                : new Result(Outcome.UNAVAILABLE, "the SubscribeURL could not be confirmed"));
    }

    private Uni<Result> apply(String snsMessageId, String messageText) {
        return receipts.first("sns:" + snsMessageId).chain(first -> {
            if (!first) {
                return Uni.createFrom().item(new Result(Outcome.REPLAYED, "this SNS message was received before"));
            }
            JsonNode event;
            try {
                event = json.readTree(messageText);
            } catch (IOException e) {
                return Uni.createFrom().item(new Result(Outcome.IGNORED, "the SNS message is not an SES notification"));
            }
            String type = event.path("notificationType").asText(event.path("eventType").asText(""));
            JsonNode mail = event.path("mail");
            return delivery(mail).chain(n -> {
                if (n == null) {
                    LOG.infof("SES %s for an unknown mail %s: ignored", type, mail.path("messageId").asText());
                    return Uni.createFrom().item(new Result(Outcome.IGNORED, "unknown mail"));
                }
                String sesId = mail.path("messageId").asText(null);
                return switch (type) {
                    case "Send" -> settle(n, sesId); // SES took it: settles an attempt of unknown outcome
                    case "Delivery" -> delivered(n, sesId);
                    case "Bounce" -> bounced(n, sesId, event.path("bounce"));
                    case "Complaint" -> complained(n, event.path("complaint"));
                    default -> Uni.createFrom().voidItem();
                };
            }).replaceWith(new Result(Outcome.APPLIED, null));
        });
    }

    /** The delivery the mail belongs to (locked): by the deliveryId tag, else by the provider message id. */
    private Uni<Notification> delivery(JsonNode mail) {
        UUID tagged = null;
        JsonNode tag = mail.path("tags").path(SesProvider.DELIVERY_TAG);
        if (tag.isArray() && !tag.isEmpty()) {
            try {
                tagged = UUID.fromString(tag.get(0).asText());
            } catch (IllegalArgumentException e) {
                tagged = null;
            }
        }
        if (tagged != null) {
            UUID id = tagged;
            return Panache.getSession().chain(s -> s.find(Notification.class, id, LockMode.PESSIMISTIC_WRITE))
                    .map(n -> n != null && "email".equals(n.channel) ? n : null);
        }
        String sesId = mail.path("messageId").asText("");
        return Panache.getSession().chain(s -> s.createQuery("from Notification where channel = 'email' and providerMessageId = :m",
                        Notification.class).setParameter("m", sesId).setLockMode(LockMode.PESSIMISTIC_WRITE)
                .setMaxResults(1).getResultList()).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private Uni<Void> delivered(Notification n, String sesId) {
        return settle(n, sesId).chain(() -> {
            if (!Notification.SENT.equals(n.status)) {
                return Uni.createFrom().voidItem();
            }
            n.status = Notification.DELIVERED;
            n.updatedAt = clock.now();
            return events.delivered(n, NotificationDelivered.Status.DELIVERED);
        });
    }

    private Uni<Void> bounced(Notification n, String sesId, JsonNode bounce) {
        boolean permanent = "Permanent".equals(bounce.path("bounceType").asText());
        List<String> addresses = new ArrayList<>();
        String status = null;
        String diagnostic = null;
        for (JsonNode r : bounce.path("bouncedRecipients")) {
            addresses.add(Suppressions.normalise("email", r.path("emailAddress").asText("")));
            status = r.path("status").asText(status);
            diagnostic = r.path("diagnosticCode").asText(diagnostic);
        }
        if (!addresses.contains(n.address)) {
            return Uni.createFrom().voidItem(); // a bounce of some other recipient of that mail: not this delivery's
        }
        String code = status != null ? status : bounce.path("bounceSubType").asText("bounce");
        String message = "SES reported a " + bounce.path("bounceType").asText("") + " bounce ("
                + bounce.path("bounceSubType").asText("") + ")" + (diagnostic == null ? "" : ": " + diagnostic);
        Uni<Void> suppress = !permanent ? Uni.createFrom().voidItem()
                : suppressions.add(new Suppressions.Addition(n.tenantId, "email", n.address, Suppression.ALL, "other",
                null, n.leadId, null, ACTOR)).replaceWithVoid();
        return suppress.chain(() -> settle(n, sesId)).chain(() -> {
            if (!Notification.SENT.equals(n.status) && !Notification.DELIVERED.equals(n.status)) {
                return Uni.createFrom().voidItem(); // already failed
            }
            n.status = Notification.FAILED;
            n.failureReason = NotificationFailed.Reason.BOUNCED.value();
            n.errorCode = DeliveryEvents.truncate(code, 100);
            n.errorMessage = DeliveryEvents.truncate(message, 2000);
            n.updatedAt = clock.now();
            return events.failed(n, NotificationFailed.Reason.BOUNCED, true);
        });
    }

    private Uni<Void> complained(Notification n, JsonNode complaint) {
        boolean ours = false;
        for (JsonNode r : complaint.path("complainedRecipients")) {
            ours |= n.address.equals(Suppressions.normalise("email", r.path("emailAddress").asText("")));
        }
        if (!ours) {
            return Uni.createFrom().voidItem();
        }
        return suppressions.add(new Suppressions.Addition(n.tenantId, "email", n.address, Suppression.MARKETING,
                "spam-complaint", null, n.leadId, null, ACTOR)).replaceWithVoid();
    }

    /**
     * An event can overtake the worker's record of SES's answer, or come for an attempt whose answer was lost (the
     * delivery is held reconciling, see UnknownOutcome.AWAIT_EVENT): either way it proves the acceptance.
     */
    private Uni<Void> settle(Notification n, String sesId) {
        return sesId == null ? Uni.createFrom().voidItem() : statusCallbacks.settleInFlight(n, sesId);
    }

    /** Runs blocking work (a certificate fetch, a confirmation GET) off the event loop, back on the caller's context. */
    private static <T> Uni<T> blocking(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }

    /** What the webhook answers. */
    public record Result(Outcome outcome, String detail) {
    }
}

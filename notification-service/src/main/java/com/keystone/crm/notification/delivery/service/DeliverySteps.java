package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.consent.domain.Suppression;
import com.keystone.crm.notification.consent.service.QuietHours;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.consent.service.UnsubscribeLinks;
import com.keystone.crm.notification.contact.service.Contacts;
import com.keystone.crm.notification.delivery.domain.DeliveryAttempt;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.device.service.Devices;
import com.keystone.crm.notification.provider.OutgoingMessage;
import com.keystone.crm.notification.provider.ProviderRegistry;
import com.keystone.crm.notification.tenant.Senders;
import com.keystone.crm.notification.template.service.TemplateRenderer;
import com.keystone.crm.notification.template.service.TemplateService;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.NotificationDelivered;
import com.keystone.crm.platform.contracts.events.NotificationFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The transactional steps of one delivery, each committed on its own so that the database always tells what
 * happened: prepare (suppression, template, quiet hours), start an attempt (before the provider call), and record
 * its outcome (after). Each runs in a transaction the {@link DeliveryProcessor} opens.
 */
@ApplicationScoped
public class DeliverySteps {
    private final Suppressions suppressions;
    private final QuietHours quietHours;
    private final TemplateService templates;
    private final Senders senders;
    private final ProviderRegistry providers;
    private final UnsubscribeLinks links;
    private final PublicUrls urls;
    private final DeliveryEvents events;
    private final CrmClock clock;
    private final Devices devices;
    private final Contacts contacts;

    public DeliverySteps(Suppressions suppressions, QuietHours quietHours, TemplateService templates, Senders senders,
                         ProviderRegistry providers, UnsubscribeLinks links, PublicUrls urls, DeliveryEvents events,
                         CrmClock clock, Devices devices, Contacts contacts) {
        this.devices = devices;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.quietHours = quietHours;
        this.templates = templates;
        this.senders = senders;
        this.providers = providers;
        this.links = links;
        this.urls = urls;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Notification> load(UUID id) {
        return Panache.getSession().chain(s -> s.find(Notification.class, id));
    }

    /** The row locked against a concurrent status callback. */
    public Uni<Notification> loadForUpdate(UUID id) {
        return Panache.getSession().chain(s -> s.find(Notification.class, id, LockMode.PESSIMISTIC_WRITE));
    }

    /** Attempts whose outcome was never recorded (the process died during the provider call). */
    public Uni<List<DeliveryAttempt>> pendingAttempts(UUID notificationId) {
        return Panache.getSession().chain(s -> s.createQuery("from DeliveryAttempt where notificationId = :n and outcome = :o "
                        + "order by attemptNo", DeliveryAttempt.class)
                .setParameter("n", notificationId).setParameter("o", DeliveryAttempt.PENDING).getResultList());
    }

    /** Those of these deliveries with an attempt whose outcome was never recorded (to reconcile before anything else). */
    public Uni<Set<UUID>> withPendingAttempts(List<UUID> ids) {
        return Panache.getSession().chain(s -> s.createQuery("select distinct notificationId from DeliveryAttempt "
                        + "where notificationId in :ids and outcome = :o", UUID.class)
                .setParameter("ids", ids).setParameter("o", DeliveryAttempt.PENDING).getResultList()).map(HashSet::new);
    }

    /** Reads these deliveries into the session with one statement (the steps that follow then find them there). */
    public Uni<List<Notification>> loadAll(List<UUID> ids) {
        return Panache.getSession().chain(s -> s.createQuery("from Notification where id in :ids", Notification.class)
                .setParameter("ids", ids).getResultList());
    }

    /**
     * Locks these deliveries (against a concurrent status callback, in id order) and reads them and these attempts into
     * the session: two statements for a batch's outcomes, whose steps then find both there.
     */
    public Uni<Void> lockWithAttempts(List<UUID> ids, List<UUID> attemptIds) {
        return Panache.getSession().chain(s -> s.createQuery("from Notification where id in :ids order by id", Notification.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .chain(locked -> s.createQuery("from DeliveryAttempt where id in :ids", DeliveryAttempt.class)
                        .setParameter("ids", attemptIds).getResultList())).replaceWithVoid();
    }

    /** Provider ids known to belong to other requests to the same address (never matched in a reconciliation). */
    public Uni<Set<String>> knownIds(Notification n) {
        return Panache.getSession().chain(s -> s.createQuery("select a.providerMessageId from DeliveryAttempt a, Notification o "
                                + "where a.notificationId = o.id and o.channel = :c and o.address = :addr and o.id <> :id "
                                + "and a.providerMessageId is not null", String.class)
                        .setParameter("c", n.channel).setParameter("addr", n.address).setParameter("id", n.id).getResultList())
                .map(HashSet::new);
    }

    /**
     * Everything decided before a provider is called: a marketing message to a lead who said no on the channel
     * (failed), blocked by the suppression list (failed), a template that cannot render (failed), outside the
     * recipient's window (held), or ready with the content and chain.
     */
    public Uni<Decision> prepare(UUID id) {
        return prepare(id, null);
    }

    private Uni<Decision> prepare(UUID id, Suppressions.Known known) {
        return load(id).chain(n -> {
            if (n == null || n.isFinished()) {
                return Uni.createFrom().item(Decision.done());
            }
            return resolveAddress(n).chain(r -> r.known() ? prepareKnown(n, r.read(), known) : Uni.createFrom().item(Decision.done()));
        });
    }

    /** {@link #prepare} and what the send loop needs of the delivery (its channel, and its sender once prepared). */
    public Uni<Prepared> prepared(UUID id) {
        return prepared(id, null);
    }

    /** {@link #prepared(UUID)} with the suppression entries a batch read together ({@code known}, may be null). */
    public Uni<Prepared> prepared(UUID id, Suppressions.Known known) {
        return prepare(id, known).chain(decision -> load(id).map(n -> new Prepared(false, decision,
                n == null ? null : n.channel, n == null ? null : n.sender)));
    }

    /** A prepared delivery: the decision, the channel and the sender chosen for it; or, first, a pending attempt to reconcile. */
    public record Prepared(boolean reconcileFirst, Decision decision, String channel, String sender) {
        /** An attempt is pending: nothing was prepared; reconcile it first. */
        public static Prepared reconcile() {
            return new Prepared(true, Decision.done(), null, null);
        }
    }

    /**
     * A request naming only its lead or user gets the contact's current email or phone. Not known yet (the contact's
     * event may trail the request): held and looked up again, for up to {@link #CONTACT_WAIT}; known without an
     * address for the channel, deleted, or never known: failed {@code invalid-address}. Known when the address is set.
     */
    private Uni<Resolution> resolveAddress(Notification n) {
        if (n.address != null || !NotificationIntake.resolvable(n)) {
            return Uni.createFrom().item(new Resolution(true, null));
        }
        String ref = "lead".equals(n.recipientKind) ? n.leadId.toString() : n.userId;
        return contacts.find(n.tenantId, n.recipientKind, ref).chain(c -> {
            String address = c == null ? null : c.address(n.channel);
            if (address != null) {
                n.address = Suppressions.normalise(n.channel, address);
                if (n.recipientTimezone == null) {
                    n.recipientTimezone = c.timezone();
                }
                if (n.recipientName == null) {
                    n.recipientName = c.name();
                }
                return Uni.createFrom().item(new Resolution(true, c));
            }
            Instant now = clock.now();
            if (c == null && now.isBefore(n.createdAt.plus(CONTACT_WAIT))) {
                return hold(n, now.plus(CONTACT_RECHECK), "awaiting-contact").replaceWith(Resolution.UNKNOWN);
            }
            String what = "email".equals(n.channel) ? "email address" : "phone number";
            return fail(n, NotificationFailed.Reason.INVALID_ADDRESS, "no-address", "the " + n.recipientKind + " " + ref
                    + (c == null ? " is not known to this service (or was deleted)" : " has no " + what), null)
                    .replaceWith(Resolution.UNKNOWN);
        });
    }

    /** Whether the address is known, and the contact read to know it (null when none was read): read once, used twice. */
    private record Resolution(boolean known, Contacts.Contact read) {
        static final Resolution UNKNOWN = new Resolution(false, null);
    }

    /** How long a request waits for its lead's or user's contact to become known. */
    static final java.time.Duration CONTACT_WAIT = java.time.Duration.ofMinutes(2);
    static final java.time.Duration CONTACT_RECHECK = java.time.Duration.ofSeconds(2);

    private Uni<Decision> prepareKnown(Notification n, Contacts.Contact read, Suppressions.Known known) {
        return leadRefuses(n, read).chain(refused -> refused
                ? fail(n, NotificationFailed.Reason.SUPPRESSED, "no-consent", "the lead has said no to marketing by "
                        + n.channel + " (consent on the lead)", null).replaceWith(Decision.done())
                : prepareConsented(n, known));
    }

    /**
     * A marketing message about a lead whose consent for the channel is false (lead-service's consent, from its
     * events): not sent. Unknown consent does not block; transactional messages are not marketing. The lead's contact
     * is read again only when resolving the address did not read it already.
     */
    private Uni<Boolean> leadRefuses(Notification n, Contacts.Contact read) {
        if (!n.isMarketing() || n.leadId == null) {
            return Uni.createFrom().item(false);
        }
        String lead = n.leadId.toString();
        Uni<Contacts.Contact> contact = read != null && Contacts.LEAD.equals(read.kind()) && lead.equals(read.refId())
                ? Uni.createFrom().item(read)
                : contacts.find(n.tenantId, Contacts.LEAD, lead);
        return contact.map(c -> c != null && c.consent().refuses(n.channel));
    }

    private Uni<Decision> prepareConsented(Notification n, Suppressions.Known known) {
        return suppressions.blocking(n.tenantId, n.channel, n.address, n.category, known).chain(blocking -> {
            if (blocking != null) {
                return fail(n, NotificationFailed.Reason.SUPPRESSED, "suppressed-" + blocking.purpose,
                        "the address is on the suppression list (" + blocking.source + ", " + blocking.purpose + ")", null)
                        .replaceWith(Decision.done());
            }
            return senders.of(n.tenantId).chain(identity -> render(n).chain(problem -> {
                if (problem != null) {
                    return fail(n, NotificationFailed.Reason.OTHER, "template", problem, null).replaceWith(Decision.done());
                }
                Instant now = clock.now();
                if (QuietHours.holds(n.channel, n.isMarketing())) {
                    // marketing SMS (TCPA) and marketing pushes wait for the recipient's window; a push has no
                    // number to place it by: the request's time zone, else the tenant's
                    String number = "sms".equals(n.channel) ? n.address : null;
                    Instant allowed = quietHours.nextAllowed(now, quietHours.locate(number, n.recipientTimezone, identity.timezone()));
                    if (allowed.isAfter(now)) {
                        return hold(n, allowed, "quiet-hours").replaceWith(Decision.done());
                    }
                }
                n.sender = "push".equals(n.channel) ? null : identity.sender(n.channel);
                List<String> chain = providers.chain(n.channel, identity.chain(n.channel));
                if (chain.isEmpty()) {
                    return fail(n, NotificationFailed.Reason.PROVIDER_ERROR, "no-provider",
                            "no provider is configured for " + n.channel, null).replaceWith(Decision.done());
                }
                return Uni.createFrom().item(new Decision(chain, identity.smsMessagingServiceSid()));
            }));
        });
    }

    /** Renders the template once (the text is kept, so every attempt sends the same); answers a problem or null. */
    private Uni<String> render(Notification n) {
        if (n.body != null || n.templateKey == null) {
            return Uni.createFrom().item(n.body == null ? "the request has neither a body nor a template" : null);
        }
        return templates.forSend(n.tenantId, n.templateKey, n.channel, n.locale).map(t -> {
            if (t == null) {
                return "no template '" + n.templateKey + "' for " + n.channel + " in this tenant";
            }
            try {
                TemplateService.Rendered r = templates.render(t, n.variables == null ? Map.of() : n.variables);
                n.templateVersion = r.version();
                n.subject = r.subject();
                n.body = r.text();
                n.htmlBody = r.html();
                return null;
            } catch (TemplateService.MissingVariables | TemplateRenderer.InvalidTemplate e) {
                n.templateVersion = t.version;
                return "template '" + n.templateKey + "' v" + t.version + ": " + e.getMessage();
            }
        });
    }

    /** The attempt row, committed before the provider is called. */
    public Uni<Started> start(UUID id, String provider, String messagingServiceSid) {
        return load(id).chain(n -> {
            DeliveryAttempt a = new DeliveryAttempt();
            a.id = UUID.randomUUID();
            a.notificationId = n.id;
            a.attemptNo = n.attempts + 1;
            a.provider = provider;
            a.outcome = DeliveryAttempt.PENDING;
            a.startedAt = clock.now();
            n.attempts = a.attemptNo;
            n.status = Notification.SENDING;
            n.provider = provider;
            n.updatedAt = a.startedAt;
            return Panache.getSession().chain(s -> s.persist(a)).map(x -> new Started(a.id, a.startedAt, message(n, a.id, messagingServiceSid)));
        });
    }

    /** What the provider gets; the same for every attempt of a delivery (content is rendered once). */
    public OutgoingMessage message(Notification n, UUID attemptId, String messagingServiceSid) {
        boolean marketingMail = "email".equals(n.channel) && n.isMarketing();
        String unsubscribe = marketingMail ? urls.unsubscribe(links.token(n.tenantId, n.channel, n.address)) : null;
        String text = n.body;
        String html = n.htmlBody;
        if (unsubscribe != null) {
            // CAN-SPAM: a visible opt-out in the message besides the List-Unsubscribe header
            text = text + "\n\nUnsubscribe: " + unsubscribe;
            if (html != null) {
                html = html + "<p><a href=\"" + unsubscribe + "\">Unsubscribe</a></p>";
            }
        }
        String callback = "sms".equals(n.channel) ? urls.twilioStatus(n.id) : null;
        return new OutgoingMessage(n.id, attemptId, n.tenantId, n.channel, n.address, n.sender,
                "sms".equals(n.channel) ? messagingServiceSid : null, n.subject, text,
                html, callback, unsubscribe, pushData(n));
    }

    /**
     * The devices a push still has to reach: the user's devices without an accepted attempt of this delivery; a
     * "new lead" alert only to devices whose owner wants those.
     */
    public Uni<List<Target>> pushTargets(UUID id) {
        return load(id).chain(n -> devices.of(n.tenantId, n.address).chain(all -> Panache.getSession()
                .chain(s -> s.createQuery("select a.deviceId from DeliveryAttempt a where a.notificationId = :n "
                        + "and a.outcome = :o and a.deviceId is not null", UUID.class)
                        .setParameter("n", id).setParameter("o", DeliveryAttempt.ACCEPTED).getResultList())
                .map(done -> {
                    boolean leadAlert = pushDataOf(n).isLeadAlert();
                    return all.stream().filter(d -> !done.contains(d.id)).filter(d -> !leadAlert || d.leadAlerts)
                            .map(d -> new Target(d.id, d.platform, d.token, d.appId)).toList();
                })));
    }

    /** A push attempt to one device, committed before the provider is called. */
    public Uni<Started> startPush(UUID id, String provider, UUID deviceId) {
        return start(id, provider, null).chain(started -> attempt(started.attemptId()).map(a -> {
            a.deviceId = deviceId;
            return started;
        }));
    }

    /** The provider took the push for one device (the delivery is settled once every device was tried). */
    public Uni<Void> pushAccepted(UUID attemptId, String providerMessageId) {
        return attempt(attemptId).map(a -> {
            a.outcome = DeliveryAttempt.ACCEPTED;
            a.providerMessageId = providerMessageId;
            a.finishedAt = clock.now();
            return null;
        });
    }

    /** The provider says the device's token is invalid or unregistered: the attempt failed and the device is removed. */
    public Uni<Void> deviceRefused(UUID attemptId, UUID deviceId, String code, String message) {
        return attempt(attemptId).chain(a -> {
            a.outcome = DeliveryAttempt.RECIPIENT_FAULT;
            a.errorCode = DeliveryEvents.truncate(code, 100);
            a.errorMessage = DeliveryEvents.truncate(message, 2000);
            a.finishedAt = clock.now();
            return devices.removeInvalid(deviceId);
        });
    }

    /**
     * Every device was tried: sent when at least one took it (notification.delivered, sent), else failed no-device.
     * With {@code retry} (a provider fault left devices unreached) and rounds left, it is tried again later.
     */
    public Uni<Void> pushSettled(UUID id, boolean retry, int attemptsThisRound, int maxRounds, java.time.Duration backoff,
                                 String lastCode, String lastMessage) {
        return load(id).chain(n -> Panache.getSession().chain(s -> s.createQuery("from DeliveryAttempt where notificationId = :n "
                                + "and outcome = :o order by attemptNo", DeliveryAttempt.class)
                        .setParameter("n", id).setParameter("o", DeliveryAttempt.ACCEPTED).getResultList())
                .chain(accepted -> {
                    if (retry) {
                        int rounds = Math.max(1, (n.attempts + attemptsThisRound - 1) / Math.max(1, attemptsThisRound));
                        if (rounds < maxRounds) {
                            n.errorCode = DeliveryEvents.truncate(lastCode, 100);
                            n.errorMessage = DeliveryEvents.truncate(lastMessage, 2000);
                            return hold(n, clock.now().plus(backoff.multipliedBy(rounds)), "provider-unavailable");
                        }
                    }
                    if (!accepted.isEmpty()) {
                        DeliveryAttempt first = accepted.get(0);
                        n.status = Notification.SENT;
                        n.provider = first.provider;
                        n.providerMessageId = first.providerMessageId;
                        n.holdReason = null;
                        release(n, clock.now());
                        return events.delivered(n, NotificationDelivered.Status.SENT);
                    }
                    if (retry) {
                        return fail(n, NotificationFailed.Reason.PROVIDER_ERROR, lastCode, lastMessage, n.provider);
                    }
                    return fail(n, NotificationFailed.Reason.NO_DEVICE, "no-device", n.attempts == 0
                            ? "the user has no registered device for this push" + (pushDataOf(n).isLeadAlert()
                            ? " (or wants no lead alerts)" : "")
                            : "every device's token was refused by its provider", n.provider);
                }));
    }

    /** The push's typed data as stored. */
    static PushData pushDataOf(Notification n) {
        return new PushData(n.pushType, n.pushMethod);
    }

    /**
     * A push's payload on the wire (FCM data values are strings): a requested push without a template carries its
     * request's variables (the free-form data of notification.requested), then this service's own typed
     * {@link PushData}, the delivery and the lead.
     */
    static java.util.Map<String, String> pushData(Notification n) {
        if (!"push".equals(n.channel)) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
        if (n.templateKey == null && n.variables != null) {
            n.variables.forEach((k, v) -> {
                if (v != null) {
                    data.put(k, String.valueOf(v));
                }
            });
        }
        data.putAll(pushDataOf(n).fields());
        data.put("deliveryId", n.id.toString());
        if (n.leadId != null) {
            data.put("leadId", n.leadId.toString());
        }
        return data;
    }

    /** The provider took it: the attempt and the delivery are sent; notification.delivered (sent). */
    public Uni<Void> accepted(UUID id, UUID attemptId, String providerMessageId) {
        return markAccepted(new Acceptance(id, attemptId, providerMessageId))
                .chain(event -> event == null ? Uni.createFrom().voidItem() : events.appendAll(List.of(event)));
    }

    /** {@link #accepted} for a batch's accepted calls: their notification.delivered in one outbox statement. */
    public Uni<Void> acceptedAll(List<Acceptance> accepted) {
        return Multi.createFrom().iterable(accepted).onItem().transformToUniAndConcatenate(this::markAccepted)
                .filter(Objects::nonNull).collect().asList().chain(events::appendAll);
    }

    /** A provider's acceptance of one attempt: its id, the attempt's and the provider's message id. */
    public record Acceptance(UUID id, UUID attemptId, String providerMessageId) {
    }

    /** The changes of an acceptance; answers the event to publish, or null when a status callback settled it first. */
    private Uni<OutboxEvent> markAccepted(Acceptance x) {
        return loadForUpdate(x.id()).chain(n -> attempt(x.attemptId()).map(a -> {
            Instant now = clock.now();
            if (DeliveryAttempt.PENDING.equals(a.outcome)) {
                a.outcome = DeliveryAttempt.ACCEPTED;
                a.providerMessageId = x.providerMessageId();
                a.finishedAt = now;
            }
            if (n.isFinished()) {
                return null; // a status callback overtook this record and settled it
            }
            n.status = Notification.SENT;
            n.provider = a.provider;
            n.providerMessageId = x.providerMessageId();
            n.holdReason = null;
            release(n, now);
            return events.deliveredEvent(n, NotificationDelivered.Status.SENT);
        }));
    }

    /** The provider refused the recipient: the delivery fails for good (no failover). */
    public Uni<Void> recipientRefused(UUID id, UUID attemptId, String code, String message, boolean optedOut) {
        return load(id).chain(n -> attempt(attemptId).chain(a -> {
            a.outcome = DeliveryAttempt.RECIPIENT_FAULT;
            a.errorCode = DeliveryEvents.truncate(code, 100);
            a.errorMessage = DeliveryEvents.truncate(message, 2000);
            a.finishedAt = clock.now();
            n.provider = a.provider;
            NotificationFailed.Reason reason = optedOut ? NotificationFailed.Reason.SUPPRESSED
                    : "email".equals(n.channel) ? NotificationFailed.Reason.BOUNCED : NotificationFailed.Reason.INVALID_ADDRESS;
            Uni<Void> suppress = Uni.createFrom().voidItem();
            if (optedOut || "email".equals(n.channel)) {
                // the provider's own opt-out list, or a hard bounce: nothing more goes to this address
                suppress = suppressions.add(new Suppressions.Addition(n.tenantId, n.channel, n.address, Suppression.ALL,
                        optedOut ? "sms-keyword" : "other", null, n.leadId, null, "notification-service")).replaceWithVoid();
            }
            return suppress.chain(() -> fail(n, reason, code, message, a.provider));
        }));
    }

    /** The provider failed (nothing was sent): recorded; the chain goes on. */
    public Uni<Void> providerFailed(UUID attemptId, String code, String message) {
        return attempt(attemptId).map(a -> {
            a.outcome = DeliveryAttempt.PROVIDER_FAULT;
            a.errorCode = DeliveryEvents.truncate(code, 100);
            a.errorMessage = DeliveryEvents.truncate(message, 2000);
            a.finishedAt = clock.now();
            return null;
        });
    }

    /** A pending attempt the provider has no trace of: it sent nothing. */
    public Uni<Void> notSent(UUID attemptId, String note) {
        return attempt(attemptId).map(a -> {
            a.outcome = DeliveryAttempt.NOT_SENT;
            a.errorMessage = note;
            a.finishedAt = clock.now();
            return null;
        });
    }

    /** A pending attempt whose outcome cannot be learned, resent under the same message id (the recipient sees one). */
    public Uni<Void> unknown(UUID attemptId, String note) {
        return attempt(attemptId).map(a -> {
            a.outcome = DeliveryAttempt.UNKNOWN;
            a.errorMessage = note;
            a.finishedAt = clock.now();
            return null;
        });
    }

    /**
     * An attempt of unknown outcome at a provider that reports on its own (SES): until {@code deadline} the delivery
     * waits ({@code reconciling}, next look at {@code nextLook}) for the provider's event, which settles it; after the
     * deadline it is given up as unknown. Answers whether it was given up now. The row is locked, so an event arriving
     * meanwhile is either seen here (the attempt no longer pending) or applied after.
     */
    public Uni<Boolean> awaitProviderEvent(UUID id, UUID attemptId, Instant deadline, Instant nextLook) {
        return loadForUpdate(id).chain(n -> attempt(attemptId).chain(a -> {
            if (n.isFinished() || !DeliveryAttempt.PENDING.equals(a.outcome)) {
                return Uni.createFrom().item(false); // settled by the provider's event
            }
            Instant now = clock.now();
            if (now.isBefore(deadline)) {
                return hold(n, nextLook.isAfter(deadline) ? deadline : nextLook, "reconciling").replaceWith(false);
            }
            return giveUp(n, a, a.provider + " sent no event about this mail within the wait: it may or may not have been "
                    + "sent, and it is not sent again (no idempotency key)").replaceWith(true);
        }));
    }

    /** An attempt of unknown outcome at a provider that can neither be asked nor safely called again: the delivery fails. */
    public Uni<Void> giveUpUnknown(UUID id, UUID attemptId, String note) {
        return loadForUpdate(id).chain(n -> attempt(attemptId).chain(a -> {
            if (n.isFinished() || !DeliveryAttempt.PENDING.equals(a.outcome)) {
                return Uni.createFrom().voidItem();
            }
            return giveUp(n, a, note);
        }));
    }

    private Uni<Void> giveUp(Notification n, DeliveryAttempt a, String note) {
        a.outcome = DeliveryAttempt.UNKNOWN;
        a.errorCode = OUTCOME_UNKNOWN;
        a.errorMessage = DeliveryEvents.truncate(note, 2000);
        a.finishedAt = clock.now();
        return fail(n, NotificationFailed.Reason.PROVIDER_ERROR, OUTCOME_UNKNOWN, note, a.provider);
    }

    /** The error code of a delivery given up because its provider's answer is unknown. */
    public static final String OUTCOME_UNKNOWN = "outcome-unknown";

    /** Every provider failed this round: retry later, or fail once the rounds are used up. */
    public Uni<Void> roundFailed(UUID id, int chainSize, int maxRounds, java.time.Duration backoff, String lastCode,
                                 String lastMessage) {
        return load(id).chain(n -> {
            int rounds = Math.max(1, (n.attempts + chainSize - 1) / chainSize);
            n.errorCode = DeliveryEvents.truncate(lastCode, 100);
            n.errorMessage = DeliveryEvents.truncate(lastMessage, 2000);
            if (rounds >= maxRounds) {
                return fail(n, NotificationFailed.Reason.PROVIDER_ERROR, lastCode, lastMessage, n.provider);
            }
            return hold(n, clock.now().plus(backoff.multipliedBy(rounds)), "provider-unavailable");
        });
    }

    /** Waits until {@code until} (quiet hours, a send rate, an outage), durably: the row stays queued. */
    public Uni<Void> holdUntil(UUID id, Instant until, String reason) {
        // a webhook (status callback, SES event) may have settled the delivery meanwhile: a final status stays
        return loadForUpdate(id).chain(n -> n.isFinished() ? Uni.createFrom().voidItem() : hold(n, until, reason));
    }

    private Uni<Void> hold(Notification n, Instant until, String reason) {
        n.status = Notification.HELD;
        n.holdReason = reason;
        n.dueAt = until;
        release(n, clock.now());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> fail(Notification n, NotificationFailed.Reason reason, String code, String message, String provider) {
        n.status = Notification.FAILED;
        n.failureReason = reason.value();
        n.errorCode = DeliveryEvents.truncate(code, 100);
        n.errorMessage = DeliveryEvents.truncate(message, 2000);
        if (provider != null) {
            n.provider = provider;
        }
        release(n, clock.now());
        return events.failed(n, reason, true);
    }

    private static void release(Notification n, Instant now) {
        n.leaseOwner = null;
        n.leaseExpiresAt = null;
        n.updatedAt = now;
    }

    private Uni<DeliveryAttempt> attempt(UUID attemptId) {
        return Panache.getSession().chain(s -> s.find(DeliveryAttempt.class, attemptId));
    }

    /** What prepare decided: nothing more to do now, or the chain to try. */
    public record Decision(List<String> chain, String messagingServiceSid) {
        static Decision done() {
            return new Decision(null, null);
        }

        public boolean ready() {
            return chain != null;
        }
    }

    /** One device a push goes to. */
    public record Target(UUID deviceId, String platform, String token, String appId) {
    }

    /** A started attempt and the message it sends. */
    public record Started(UUID attemptId, Instant startedAt, OutgoingMessage message) {
    }
}

package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.notification.delivery.domain.DeliveryAttempt;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.provider.MessageProvider;
import com.keystone.crm.notification.provider.OutcomeUnknown;
import com.keystone.crm.notification.provider.ProviderFault;
import com.keystone.crm.notification.provider.ProviderRegistry;
import com.keystone.crm.notification.provider.RecipientFault;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Delivers one claimed notification, on the worker's thread:
 * <ol>
 *   <li>an attempt left pending by a crash is reconciled with its provider first (found: the delivery is sent; no
 *       trace: it sent nothing; the provider cannot be asked: wait, never send meanwhile);</li>
 *   <li>prepare: suppression, template, quiet hours;</li>
 *   <li>the provider chain in order: a send token (else wait for it), the attempt committed, the call, the outcome
 *       committed. A provider fault moves to the next provider, a refused recipient ends the delivery, an unknown
 *       outcome stops here until it is reconciled.</li>
 * </ol>
 */
@ApplicationScoped
public class DeliveryProcessor {
    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    /** How soon an unknown outcome is reconciled. */
    static final Duration RECONCILE_SOON = Duration.ofSeconds(1);

    private final DeliverySteps steps;
    private final ProviderRegistry providers;
    private final NotifyConfig.Worker settings;
    private final DeliveryMeters meters;
    private final CrmClock clock;
    /** How long an SES attempt of unknown outcome waits for SES's event (zero without SES event topics). */
    private final Duration eventWait;

    public DeliveryProcessor(DeliverySteps steps, ProviderRegistry providers, NotifyConfig config, DeliveryMeters meters,
                             CrmClock clock) {
        this.steps = steps;
        this.providers = providers;
        this.settings = config.worker();
        this.eventWait = config.sns().topicArns().map(List::isEmpty).orElse(true) ? Duration.ZERO
                : config.worker().unknownOutcomeWait();
        this.meters = meters;
        this.clock = clock;
    }

    /** Delivers one claimed notification; {@code leaseOwner} names the claim, which every provider call is fenced by. */
    public void deliver(UUID id, String leaseOwner) {
        try {
            deliverUnderLease(id, leaseOwner);
        } catch (LeaseLost e) {
            // another claimant has it now and reconciles the attempts recorded so far before sending anything
            LOG.warn(e.getMessage());
            meters.leaseLost();
        }
    }

    private void deliverUnderLease(UUID id, String leaseOwner) {
        // the common case in one transaction: no attempt left pending, so prepare at once
        DeliverySteps.Prepared prepared = tx(() -> steps.pendingAttempts(id).chain(pending -> pending.isEmpty()
                ? steps.prepared(id) : Uni.createFrom().item(DeliverySteps.Prepared.reconcile())));
        if (prepared.reconcileFirst()) {
            if (!reconcile(id)) {
                return;
            }
            prepared = tx(() -> steps.prepared(id));
        }
        DeliverySteps.Decision decision = prepared.decision();
        if (!decision.ready()) {
            return;
        }
        if ("push".equals(prepared.channel())) {
            deliverPush(id, decision, leaseOwner);
            return;
        }
        sendThrough(id, leaseOwner, prepared, 0, null, null);
    }

    /**
     * Goes on down the chain of a prepared delivery after its first provider failed (the failure recorded): a batch
     * ({@link BatchDelivery}) hands such a delivery over here.
     */
    public void failOver(UUID id, String leaseOwner, DeliverySteps.Prepared prepared, String lastCode, String lastMessage) {
        try {
            sendThrough(id, leaseOwner, prepared, 1, lastCode, lastMessage);
        } catch (LeaseLost e) {
            LOG.warn(e.getMessage());
            meters.leaseLost();
        }
    }

    /** The providers of the chain from {@code from} on, until one takes the message or refuses its recipient. */
    private void sendThrough(UUID id, String leaseOwner, DeliverySteps.Prepared prepared, int from, String lastCode,
                             String lastMessage) {
        DeliverySteps.Decision decision = prepared.decision();
        for (String name : decision.chain().subList(from, decision.chain().size())) {
            Duration wait = providers.reserve(name, prepared.sender());
            if (!wait.isZero()) {
                // the provider's send rate is used up: the message waits for it (queued, not dropped, not failed over)
                tx(() -> steps.holdUntil(id, clock.now().plus(wait), "rate-limit"));
                return;
            }
            DeliverySteps.Started started = tx(() -> underLease(id, leaseOwner, () -> steps.start(id, name, decision.messagingServiceSid())));
            try {
                String providerId = providers.send(name, started.message());
                tx(() -> steps.accepted(id, started.attemptId(), providerId));
                meters.sent(prepared.channel(), name);
                return;
            } catch (RecipientFault e) {
                tx(() -> steps.recipientRefused(id, started.attemptId(), e.code(), e.getMessage(), e.optedOut()));
                meters.recipientRefused(prepared.channel());
                return;
            } catch (ProviderFault e) {
                LOG.infof("delivery %s: provider %s failed (%s), trying the next", id, name, e.getMessage());
                tx(() -> steps.providerFailed(started.attemptId(), e.code(), e.getMessage()));
                meters.providerFault(name);
                lastCode = e.code();
                lastMessage = name + ": " + e.getMessage();
            } catch (OutcomeUnknown e) {
                // the attempt stays pending: the next claim asks the provider before anything else is tried
                LOG.warnf("delivery %s: outcome at %s unknown (%s); reconciling before any retry", id, name, e.getMessage());
                tx(() -> steps.holdUntil(id, clock.now().plus(RECONCILE_SOON), "reconciling"));
                return;
            }
        }
        String code = lastCode;
        String message = lastMessage;
        tx(() -> steps.roundFailed(id, decision.chain().size(), settings.maxRounds(), settings.retryBackoff(), code, message));
    }

    /**
     * A push goes to every device of the user not yet reached, each through the first provider of the chain serving
     * its platform (then the next on a provider fault). A refused token removes the device; a provider fault leaves
     * the device for the next round; an unknown outcome stops here (push cannot be asked: the next claim resends with
     * the same collapse id, which replaces rather than repeats the alert on the phone).
     */
    private void deliverPush(UUID id, DeliverySteps.Decision decision, String leaseOwner) {
        List<DeliverySteps.Target> targets = tx(() -> steps.pushTargets(id));
        boolean unreached = false;
        int attempts = 0;
        String lastCode = null;
        String lastMessage = null;
        for (DeliverySteps.Target target : targets) {
            List<String> chain = decision.chain().stream().filter(name -> providers.serves(name, target.platform())).toList();
            if (chain.isEmpty()) {
                unreached = true;
                lastCode = "no-provider";
                lastMessage = "no push provider serves " + target.platform();
                continue;
            }
            boolean settled = false;
            for (String name : chain) {
                Duration wait = providers.reserve(name, target.appId());
                if (!wait.isZero()) {
                    tx(() -> steps.holdUntil(id, clock.now().plus(wait), "rate-limit"));
                    return;
                }
                DeliverySteps.Started started = tx(() -> underLease(id, leaseOwner, () -> steps.startPush(id, name, target.deviceId())));
                attempts++;
                try {
                    String providerId = providers.send(name, started.message().toDevice(started.attemptId(), target.token(), target.appId()));
                    tx(() -> steps.pushAccepted(started.attemptId(), providerId));
                    meters.sent("push", name);
                    settled = true;
                    break;
                } catch (RecipientFault e) {
                    LOG.infof("delivery %s: %s refused device %s (%s); the device is removed", id, name, target.deviceId(), e.getMessage());
                    tx(() -> steps.deviceRefused(started.attemptId(), target.deviceId(), e.code(), e.getMessage()));
                    settled = true;
                    break;
                } catch (ProviderFault e) {
                    tx(() -> steps.providerFailed(started.attemptId(), e.code(), e.getMessage()));
                    meters.providerFault(name);
                    lastCode = e.code();
                    lastMessage = name + ": " + e.getMessage();
                } catch (OutcomeUnknown e) {
                    LOG.warnf("delivery %s: push outcome at %s unknown (%s)", id, name, e.getMessage());
                    tx(() -> steps.holdUntil(id, clock.now().plus(RECONCILE_SOON), "reconciling"));
                    return;
                }
            }
            unreached |= !settled;
        }
        boolean retry = unreached;
        int round = Math.max(1, attempts);
        String code = lastCode;
        String message = lastMessage;
        tx(() -> steps.pushSettled(id, retry, round, settings.maxRounds(), settings.retryBackoff(), code, message));
    }

    /**
     * Settles attempts left pending, by each provider's {@link com.keystone.crm.notification.provider.UnknownOutcome}
     * rule; true when delivery may go on.
     */
    private boolean reconcile(UUID id) {
        List<DeliveryAttempt> pending = tx(() -> steps.pendingAttempts(id));
        if (pending.isEmpty()) {
            return true;
        }
        Notification n = tx(() -> steps.load(id));
        if (n.isFinished()) {
            return false;
        }
        for (DeliveryAttempt a : pending) {
            Optional<MessageProvider> provider = providers.provider(a.provider);
            if (provider.isEmpty()) {
                tx(() -> steps.notSent(a.id, "provider " + a.provider + " is no longer configured"));
                continue;
            }
            switch (provider.get().unknownOutcome()) {
                case RESEND_SAME_ID -> {
                    // SMTP (same Message-ID), FCM (same tag), APNs (same collapse id): a resend shows as one message
                    tx(() -> steps.unknown(a.id, "outcome unknown; " + a.provider
                            + " cannot be asked: sent again under the same message id, which the recipient sees once"));
                    meters.reconciled("resent");
                    continue;
                }
                case AWAIT_EVENT -> {
                    // SES: its tagged event settles the delivery (SesEvents); none in time → unknown, never resent
                    java.time.Instant deadline = a.startedAt.plus(eventWait);
                    boolean gaveUp = tx(() -> steps.awaitProviderEvent(id, a.id, deadline,
                            clock.now().plus(RECONCILE_SOON.multipliedBy(5))));
                    if (gaveUp) {
                        meters.reconciled("unknown");
                    }
                    return false;
                }
                case NEVER_RESEND -> {
                    tx(() -> steps.giveUpUnknown(id, a.id, a.provider + " can neither be asked nor called again safely "
                            + "(no idempotency key): the message may or may not have been sent"));
                    meters.reconciled("unknown");
                    return false;
                }
                case LOOKUP -> {
                    // asked below
                }
            }
            Set<String> known = tx(() -> steps.knownIds(n));
            Optional<String> found;
            try {
                found = provider.get().find(steps.message(n, a.id, null), a.startedAt, known);
            } catch (ProviderFault e) {
                LOG.warnf("delivery %s: cannot reconcile attempt %d with %s (%s); waiting", id, a.attemptNo, a.provider, e.getMessage());
                tx(() -> steps.holdUntil(id, clock.now().plus(settings.retryBackoff()), "reconciling"));
                return false;
            }
            if (found.isPresent()) {
                LOG.infof("delivery %s: attempt %d was accepted by %s as %s (reconciled)", id, a.attemptNo, a.provider, found.get());
                tx(() -> steps.accepted(id, a.id, found.get()));
                meters.reconciled("accepted");
                return false;
            }
            tx(() -> steps.notSent(a.id, "reconciled: " + a.provider + " has no trace of it"));
            meters.reconciled("not-sent");
        }
        return true;
    }

    /**
     * Fencing: a provider is called only under this very claim's lease. The transaction that records the attempt
     * first renews the lease (the row stays locked until it commits); if the lease was taken over by another replica
     * or slot meanwhile, {@link LeaseLost} and no provider call: the new claimant reconciles the attempts recorded so
     * far and sends, never both.
     */
    private <T> Uni<T> underLease(UUID id, String leaseOwner, Supplier<Uni<T>> work) {
        return DeliveryQueue.QUEUE.renew(id.toString(), leaseOwner, settings.lease())
                .chain(held -> held ? work.get() : Uni.createFrom().failure(new LeaseLost(id, leaseOwner)));
    }

    /** This claim no longer holds the delivery's lease: it must not call a provider for it. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(UUID id, String owner) {
            super("delivery " + id + ": the lease of " + owner + " was taken over; its new claimant goes on");
        }
    }

    /** Runs reactive work in its own transaction and waits for it (on a worker's thread). */
    static <T> T tx(Supplier<Uni<T>> work) {
        return LeasedWorker.await(() -> Panache.withTransaction(work::get));
    }
}

package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.notification.config.NotifyConfig;
import com.keystone.crm.notification.consent.service.Suppressions;
import com.keystone.crm.notification.delivery.domain.Notification;
import com.keystone.crm.notification.provider.OutcomeUnknown;
import com.keystone.crm.notification.provider.ProviderFault;
import com.keystone.crm.notification.provider.ProviderRegistry;
import com.keystone.crm.notification.provider.RecipientFault;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.FlushMode;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Delivers a claimed batch in three steps, so a busy queue costs a few transactions per batch rather than four per
 * message:
 * <ol>
 *   <li>one transaction prepares the batch's deliveries (their suppression entries read together) and records an
 *       attempt for each (fenced: only rows this claim still holds, locked until the commit); the attempts are
 *       committed before any provider is called;</li>
 *   <li>the provider calls, side by side ({@code crm.notify.worker.calls} at once per instance);</li>
 *   <li>one transaction records the outcomes (and their notification.delivered / notification.failed).</li>
 * </ol>
 * The batch takes the common case: an email or SMS with no attempt left pending whose first provider has a send
 * token. A delivery with a pending attempt (a crash to reconcile) or a push goes through {@link DeliveryProcessor}
 * alone, as does one whose first provider failed (on to the next provider). A crash between the steps leaves pending
 * attempts, reconciled with their provider by the next claim, as for a single delivery.
 */
@ApplicationScoped
public class BatchDelivery {
    private static final Logger LOG = Logger.getLogger(BatchDelivery.class);

    private final DeliverySteps steps;
    private final Suppressions suppressions;
    private final DeliveryProcessor single;
    private final ProviderRegistry providers;
    private final DeliveryMeters meters;
    private final CrmClock clock;
    private final ExecutorService calls;

    public BatchDelivery(DeliverySteps steps, Suppressions suppressions, DeliveryProcessor single, ProviderRegistry providers, DeliveryMeters meters,
                         CrmClock clock, NotifyConfig config) {
        this.steps = steps;
        this.suppressions = suppressions;
        this.single = single;
        this.providers = providers;
        this.meters = meters;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(config.worker().calls(), r -> {
            Thread t = new Thread(r, "delivery-call-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }

    /** Delivers the batch claimed by {@code leaseOwner}. */
    public void deliver(List<UUID> ids, String leaseOwner) {
        List<Item> items;
        try {
            items = DeliveryProcessor.tx(() -> writeBackAtCommit().chain(() -> startAll(ids, leaseOwner)));
        } catch (RuntimeException e) {
            // nothing of the batch was recorded: each delivery alone, so one that cannot be prepared holds back no other
            LOG.warnf("a batch of %d deliveries could not be prepared (%s); delivering them one by one", ids.size(), e.toString());
            ids.forEach(id -> alone(id, () -> single.deliver(id, leaseOwner)));
            return;
        }
        List<Item> started = items.stream().filter(i -> i.started != null).toList();
        List<CompletableFuture<Outcome>> answers = started.stream()
                .map(i -> CompletableFuture.supplyAsync(() -> call(i), calls)).toList();
        List<Outcome> outcomes = answers.stream().map(CompletableFuture::join).toList();
        record(outcomes);
        for (Outcome o : outcomes) {
            if (o.answer == Answer.FAULT) {
                alone(o.item.id, () -> single.failOver(o.item.id, leaseOwner, o.item.prepared, ((ProviderFault) o.error).code(),
                        o.item.provider + ": " + o.error.getMessage()));
            }
        }
        items.stream().filter(i -> i.alone).forEach(i -> alone(i.id, () -> single.deliver(i.id, leaseOwner)));
    }

    /**
     * The batch's session writes back once, at commit, not before every query: with a batch's deliveries in the
     * session each query dirty-checked them all. The queries of a batch read nothing the batch changed before them
     * (suppressions, senders, templates, contacts, the rows' own locks).
     */
    private static Uni<Void> writeBackAtCommit() {
        return Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT)).replaceWithVoid();
    }

    /** Back to flushing before queries: the rarer outcomes add to the suppression list, whose queries must see it. */
    private static Uni<Void> writeBackBeforeQueries() {
        return Panache.getSession().chain(s -> s.flush().invoke(() -> s.setFlushMode(FlushMode.AUTO))).replaceWithVoid();
    }

    /** One delivery's own path; its failure is logged and holds back no other (its lease runs out, it is retried). */
    private static void alone(UUID id, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery %s failed; it is retried when its lease runs out", id);
        }
    }

    /** The batch's preparation and attempts, in the caller's transaction; rows taken over meanwhile are left alone. */
    private Uni<List<Item>> startAll(List<UUID> ids, String leaseOwner) {
        return DeliveryQueue.QUEUE.holdsAll(ids.stream().map(UUID::toString).toList(), leaseOwner).chain(keys -> {
            // in claim order (oldest due first; the fence answers in key order), as the rate limits hand out tokens
            Set<String> stillHeld = new HashSet<>(keys);
            List<UUID> held = ids.stream().filter(id -> stillHeld.contains(id.toString())).toList();
            if (held.isEmpty()) {
                return Uni.createFrom().item(List.<Item>of());
            }
            return steps.withPendingAttempts(held).chain(pending -> steps.loadAll(held).chain(loaded -> suppressions.among(
                    loaded.stream().filter(n -> n.address != null).map(n -> Suppressions.normalise(n.channel, n.address)).toList())
                    .chain(known -> {
                        Map<UUID, Notification> byId = loaded.stream().collect(Collectors.toMap(n -> n.id, n -> n));
                        return Multi.createFrom().iterable(held).map(byId::get).filter(Objects::nonNull)
                                .onItem().transformToUniAndConcatenate(n -> start(n, pending, known)).collect().asList();
                    })));
        });
    }

    private Uni<Item> start(Notification n, Set<UUID> pending, Suppressions.Known known) {
        if (pending.contains(n.id) || "push".equals(n.channel)) {
            return Uni.createFrom().item(Item.alone(n.id));
        }
        return steps.prepared(n.id, known).chain(prepared -> {
            if (!prepared.decision().ready()) {
                return Uni.createFrom().item(Item.settled(n.id));
            }
            String provider = prepared.decision().chain().get(0);
            Duration wait = providers.reserve(provider, prepared.sender());
            if (!wait.isZero()) {
                // the provider's send rate is used up: the message waits for it (queued, not dropped, not failed over)
                return steps.holdUntil(n.id, clock.now().plus(wait), "rate-limit").replaceWith(Item.settled(n.id));
            }
            return steps.start(n.id, provider, prepared.decision().messagingServiceSid())
                    .map(started -> new Item(n.id, false, prepared, provider, started));
        });
    }

    /** One provider call, on a call thread; its answer or fault, never thrown. */
    private Outcome call(Item item) {
        try {
            return new Outcome(item, Answer.ACCEPTED, providers.send(item.provider, item.started.message()), null);
        } catch (RecipientFault e) {
            return new Outcome(item, Answer.REFUSED, null, e);
        } catch (ProviderFault e) {
            LOG.infof("delivery %s: provider %s failed (%s), trying the next", item.id, item.provider, e.getMessage());
            return new Outcome(item, Answer.FAULT, null, e);
        } catch (OutcomeUnknown e) {
            LOG.warnf("delivery %s: outcome at %s unknown (%s); reconciling before any retry", item.id, item.provider, e.getMessage());
            return new Outcome(item, Answer.UNKNOWN, null, e);
        } catch (RuntimeException e) {
            return new Outcome(item, Answer.CRASHED, null, e);
        }
    }

    /** The outcomes in one transaction; if that fails, each in its own (an unrecorded one is reconciled later). */
    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            List<UUID> ids = outcomes.stream().map(o -> o.item.id).toList();
            List<UUID> attempts = outcomes.stream().map(o -> o.item.started.attemptId()).toList();
            // the acceptances (the common case) together, their events in one outbox statement; the rest one by one
            List<DeliverySteps.Acceptance> accepted = outcomes.stream().filter(o -> o.answer == Answer.ACCEPTED)
                    .map(o -> new DeliverySteps.Acceptance(o.item.id, o.item.started.attemptId(), o.providerId)).toList();
            List<Outcome> others = outcomes.stream().filter(o -> o.answer != Answer.ACCEPTED).toList();
            DeliveryProcessor.tx(() -> writeBackAtCommit().chain(() -> steps.lockWithAttempts(ids, attempts))
                    .chain(() -> steps.acceptedAll(accepted))
                    .chain(BatchDelivery::writeBackBeforeQueries)
                    .chain(() -> Multi.createFrom().iterable(others).onItem().transformToUniAndConcatenate(this::recordOne)
                            .collect().asList()));
        } catch (RuntimeException e) {
            LOG.warnf("the outcomes of a batch of %d deliveries could not be recorded together (%s); one by one",
                    outcomes.size(), e.toString());
            for (Outcome o : outcomes) {
                try {
                    DeliveryProcessor.tx(() -> recordOne(o));
                } catch (RuntimeException each) {
                    // the attempt stays pending: the next claim, after the lease, reconciles it with the provider
                    LOG.errorf(each, "delivery %s: the outcome of its attempt could not be recorded", o.item.id);
                }
            }
        }
        outcomes.forEach(this::count);
    }

    private Uni<Void> recordOne(Outcome o) {
        Item i = o.item;
        UUID attempt = i.started.attemptId();
        return switch (o.answer) {
            case ACCEPTED -> steps.accepted(i.id, attempt, o.providerId);
            case REFUSED -> {
                RecipientFault refused = (RecipientFault) o.error;
                yield steps.recipientRefused(i.id, attempt, refused.code(), refused.getMessage(), refused.optedOut());
            }
            case FAULT -> steps.providerFailed(attempt, ((ProviderFault) o.error).code(), o.error.getMessage());
            case UNKNOWN -> steps.holdUntil(i.id, clock.now().plus(DeliveryProcessor.RECONCILE_SOON), "reconciling");
            case CRASHED -> {
                // the attempt stays pending: reconciled with the provider once the lease runs out
                LOG.errorf(o.error, "delivery %s: the call to %s failed unexpectedly; reconciled after the lease", i.id, i.provider);
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private void count(Outcome o) {
        switch (o.answer) {
            case ACCEPTED -> meters.sent(o.item.prepared.channel(), o.item.provider);
            case REFUSED -> meters.recipientRefused(o.item.prepared.channel());
            case FAULT -> meters.providerFault(o.item.provider);
            default -> {
            }
        }
    }

    /**
     * A delivery of the batch: started (its attempt recorded, the call to make), settled by its preparation (failed,
     * held), or to go {@code alone} through {@link DeliveryProcessor}.
     */
    private record Item(UUID id, boolean alone, DeliverySteps.Prepared prepared, String provider, DeliverySteps.Started started) {
        static Item alone(UUID id) {
            return new Item(id, true, null, null, null);
        }

        static Item settled(UUID id) {
            return new Item(id, false, null, null, null);
        }
    }

    private enum Answer { ACCEPTED, REFUSED, FAULT, UNKNOWN, CRASHED }

    /** What one provider call answered: the provider's id when accepted, else the error. */
    private record Outcome(Item item, Answer answer, String providerId, Exception error) {
    }
}

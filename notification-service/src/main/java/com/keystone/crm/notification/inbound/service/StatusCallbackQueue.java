package com.keystone.crm.notification.inbound.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Twilio's final status callbacks, applied in groups (a group commit): a callback joins the queue, one thread applies
 * whatever has queued up in one transaction ({@link StatusCallbacks#applyAll}), and each request is answered only
 * after that transaction committed, so an acknowledged callback is never lost. Under load a transaction carries many
 * callbacks (two SMS callbacks per message made the webhooks the busiest path); alone, a callback waits for nothing
 * but its own transaction. A group that fails is applied callback by callback, so one bad callback fails only itself
 * (Twilio retries it).
 */
@ApplicationScoped
public class StatusCallbackQueue {
    private static final Logger LOG = Logger.getLogger(StatusCallbackQueue.class);
    /** Callbacks one transaction takes at most. */
    static final int GROUP = 64;

    private final StatusCallbacks callbacks;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread applier;
    private volatile boolean stopping;

    public StatusCallbackQueue(StatusCallbacks callbacks) {
        this.callbacks = callbacks;
        this.applier = new Thread(this::run, "twilio-status-applier");
        applier.setDaemon(true);
        applier.start();
    }

    /** False for a replay; answered once the callback's transaction committed. */
    public Uni<Boolean> apply(UUID notificationId, String messageSid, String status, String errorCode) {
        if (!StatusCallbacks.isFinal(status)) {
            // queued, sending, sent: nothing to apply (StatusCallbacks#apply), no transaction to wait for
            return Uni.createFrom().item(true);
        }
        if (stopping) {
            return Uni.createFrom().failure(new IllegalStateException("stopping: Twilio retries the callback"));
        }
        Queued q = new Queued(new StatusCallbacks.Callback(notificationId, messageSid, status, errorCode), new CompletableFuture<>());
        queue.add(q);
        return Uni.createFrom().completionStage(q.applied);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        applier.interrupt();
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(q -> q.applied.completeExceptionally(new IllegalStateException("stopped before it was applied")));
    }

    private void run() {
        while (!stopping) {
            List<Queued> group = new ArrayList<>(GROUP);
            try {
                Queued first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                applyGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(q -> q.applied.completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                // never expected (applyGroup answers every callback); the thread must go on for the next ones
                LOG.errorf(e, "a group of %d status callbacks broke", group.size());
                group.forEach(q -> q.applied.completeExceptionally(e));
            }
        }
    }

    private void applyGroup(List<Queued> group) {
        List<StatusCallbacks.Callback> list = group.stream().map(Queued::callback).toList();
        List<Boolean> answers;
        try {
            answers = LeasedWorker.await(() -> Panache.withTransaction(() -> callbacks.applyAll(list)));
        } catch (RuntimeException e) {
            LOG.warnf("a group of %d status callbacks could not be applied together (%s); one by one", group.size(), e.toString());
            group.forEach(this::applyAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).applied.complete(answers.get(i));
        }
    }

    private void applyAlone(Queued q) {
        StatusCallbacks.Callback c = q.callback();
        try {
            q.applied.complete(LeasedWorker.await(() -> callbacks.apply(c.notificationId(), c.messageSid(), c.status(), c.errorCode())));
        } catch (RuntimeException e) {
            q.applied.completeExceptionally(e);
        }
    }

    private record Queued(StatusCallbacks.Callback callback, CompletableFuture<Boolean> applied) {
    }
}

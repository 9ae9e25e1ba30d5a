package com.keystone.crm.scoring.score.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Scores the leads whose debounce interval has passed, a batch per tick, never two ticks at once. A lead whose
 * scoring fails is queued again (its next event or the next tick retries it).
 */
@ApplicationScoped
public class ScoreScheduler {
    private static final Logger LOG = Logger.getLogger(ScoreScheduler.class);
    static final int BATCH = 100;

    private final ScoreQueue queue;
    private final ScoreService scores;

    public ScoreScheduler(ScoreQueue queue, ScoreService scores) {
        this.queue = queue;
        this.scores = scores;
    }

    @Scheduled(every = "${crm.scoring.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return queue.takeDue(BATCH).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(d -> scores.rescore(d.tenantId(), d.leadId())
                        .onFailure().recoverWithUni(e -> {
                            LOG.warnf("scoring lead %s of %s failed, queued again: %s", d.leadId(), d.tenantId(), e.toString());
                            return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                                    () -> queue.request(d.tenantId(), d.leadId())).replaceWith(false);
                        }))
                .collect().asList()
                .replaceWithVoid());
    }
}

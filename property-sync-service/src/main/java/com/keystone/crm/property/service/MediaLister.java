package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.config.MediaConfig;
import com.keystone.crm.property.repository.MediaListQueue;
import com.keystone.crm.property.repository.MediaListTask;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lists the media of a claimed batch of listings (one provider's) with one provider call where the protocol allows
 * (RETS: one GetObject Location=1 for up to 100 listings), then hands them to {@link MediaListWriter}. A failed list
 * backs off like a failed copy and is given up after {@code crm.media.max-attempts} with a sync error per listing.
 */
@ApplicationScoped
public class MediaLister {
    private static final Logger LOG = Logger.getLogger(MediaLister.class);
    /** listings claimed at once: as many as a RETS GetObject lists per request */
    public static final int BATCH = 100;

    private final MediaListWriter writer;
    private final MediaListQueue queue;
    private final SyncRunRepository runs;
    private final MediaConfig config;
    private final SyncMetrics metrics;

    public MediaLister(MediaListWriter writer, MediaListQueue queue, SyncRunRepository runs, MediaConfig config,
                       SyncMetrics metrics) {
        this.writer = writer;
        this.queue = queue;
        this.runs = runs;
        this.config = config;
        this.metrics = metrics;
    }

    /** Lists, stores and publishes the media of these listings; every write is fenced by {@code owner}'s claim. */
    public void list(List<MediaListTask> tasks, Supplier<MlsProvider> client, String owner) {
        try {
            Map<String, List<MlsMedia>> listed = client.get().media(tasks.stream().map(MediaListTask::listingKey).toList());
            int queued = LeasedWorker.await(() -> Panache.withTransaction(() -> writer.write(tasks, listed, owner)));
            metrics.photosQueued(tasks.get(0).providerId(), queued);
        } catch (MlsException e) {
            ProviderFailure f = ProviderFailure.of(e);
            giveUpOrRetry(tasks, owner, f.countAttempt(), f.code(), f.kind(), f.message());
        } catch (RuntimeException e) {
            giveUpOrRetry(tasks, owner, true, "media-list-failed", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void giveUpOrRetry(List<MediaListTask> tasks, String owner, boolean countAttempt, String code, String kind,
                               String message) {
        MediaListTask first = tasks.get(0);
        metrics.error(first.providerId(), code);
        int attempts = tasks.stream().mapToInt(MediaListTask::attempts).min().orElse(0);
        Duration delay = ProviderFailure.retryDelay(countAttempt, attempts);
        try {
            LeasedWorker.await(() -> Panache.withTransaction(() -> (countAttempt
                    ? queue.giveUp(tasks, owner, config.maxAttempts()).call(keys -> errors(first, keys, code, kind, message))
                    : Uni.createFrom().item(List.<String>of()))
                    .chain(() -> queue.retry(tasks, owner, countAttempt, delay, code + ": " + message))));
        } catch (RuntimeException e) {
            LOG.warnf(e, "media list of %d listing(s): could not record its failure; the lease will run out", tasks.size());
        }
    }

    private Uni<Void> errors(MediaListTask first, List<String> keys, String code, String kind, String message) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> runs.error(null, first.providerId(), first.tenantId(), "photos", code, kind, key,
                    "media not listed: " + message));
        }
        return chain;
    }
}

package com.keystone.crm.property.service;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.config.MediaConfig;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.repository.MediaListQueue;
import com.keystone.crm.property.repository.MediaListTask;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.repository.PhotoTask;
import com.keystone.crm.property.repository.ProviderRepository;
import com.keystone.crm.property.repository.SyncRunRepository;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.platform.chassis.worker.WorkerLease;
import com.keystone.crm.platform.chassis.worker.WorkerSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * The photo queue's consumers (the chassis's leased worker): {@code crm.media.concurrency} slots, each claiming with
 * SKIP LOCKED either a batch of listings whose media the provider must still list ({@link MediaLister}; first, since
 * they make the copies and the events with Media) or else the most urgent due photo (active listings first, then the
 * most recently changed photos) and copying it. Bounded
 * concurrency here (fewer threads while this instance runs a sync's records phase, see
 * {@link RecordsActivity}); each provider's media quota is enforced by its client, and a rate-limit answer puts the task
 * back for later without counting an attempt.
 */
@ApplicationScoped
public class PhotoWorker extends LeasedWorker<PhotoWorker.Work> {
    private static final Logger LOG = Logger.getLogger(PhotoWorker.class);
    /** a copy in flight may finish before its thread is interrupted and its task handed back */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final MediaRepository media;
    private final ProviderRepository providers;
    private final SyncRunRepository runs;
    private final ProviderClients clients;
    private final PhotoCopier copier;
    private final MediaConfig config;
    private final SyncMetrics metrics;
    private final RecordsActivity records;
    private final MediaListQueue mediaLists;
    private final MediaLister lister;

    /** One claim: the listings whose media to list (one provider's), or else one photo to copy. */
    public record Work(List<MediaListTask> listings, PhotoTask photo) {
    }

    public PhotoWorker(MediaRepository media, ProviderRepository providers, SyncRunRepository runs,
                       ProviderClients clients, PhotoCopier copier, MediaConfig config, SyncMetrics metrics,
                       RecordsActivity records, MediaListQueue mediaLists, MediaLister lister) {
        super("mls-photo");
        this.media = media;
        this.providers = providers;
        this.runs = runs;
        this.clients = clients;
        this.copier = copier;
        this.config = config;
        this.metrics = metrics;
        this.records = records;
        this.mediaLists = mediaLists;
        this.lister = lister;
    }

    @Override
    protected WorkerSettings settings() {
        return new WorkerSettings(config.workerEnabled(), config.pollInterval(), config.concurrency(), STOP_GRACE);
    }

    @Override
    protected Uni<Work> claimNext(String owner) {
        return mediaLists.claim(owner, config.lease(), MediaLister.BATCH).chain(listings -> !listings.isEmpty()
                ? Uni.createFrom().item(new Work(listings, null))
                : media.claimTask(owner, config.lease()).map(task -> task == null ? null : new Work(List.of(), task)));
    }

    /** Slots beyond {@code concurrencyDuringSync} pause during a records phase. */
    @Override
    protected boolean mayClaim(int slot) {
        return slot < allowedNow();
    }

    @Override
    protected void process(Work work, WorkerLease lease) {
        if (work.photo() != null) {
            process(work.photo(), lease.owner());
        } else {
            list(work.listings(), lease.owner());
        }
    }

    @Override
    protected Uni<?> release(Work work, String owner) {
        return work.photo() != null ? media.release(work.photo(), owner) : mediaLists.release(work.listings(), owner);
    }

    private int allowedNow() {
        return records.photoSlots(config.concurrency(), config.concurrencyDuringSync());
    }

    /** Lists the media of a batch of one provider's listings (a failure is handled by the lister). */
    void list(List<MediaListTask> listings, String owner) {
        Provider p = LeasedWorker.await(() -> Panache.withSession(() -> providers.findById(listings.get(0).providerId())));
        if (p != null) {
            lister.list(listings, () -> clients.client(p), owner);
        }
    }

    /** Copies one task; every write names {@code owner}, the lease owner of this claim (fenced per claim). */
    void process(PhotoTask task, String owner) {
        try {
            Provider p = LeasedWorker.await(() -> Panache.withSession(() -> providers.findById(task.providerId())));
            if (p == null) {
                return;
            }
            copier.copy(task, clients.client(p), owner);
        } catch (MlsException e) {
            ProviderFailure f = ProviderFailure.of(e);
            giveUpOrRetry(task, owner, f.countAttempt(), f.code(), f.kind(), f.message());
        } catch (PhotoCopier.PhotoTooLargeException e) {
            giveUpOrRetry(task.withAttempts(Integer.MAX_VALUE - 1), owner, true, "too-large", "MALFORMED", e.getMessage());
        } catch (RuntimeException e) {
            giveUpOrRetry(task, owner, true, "copy-failed", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void giveUpOrRetry(PhotoTask task, String owner, boolean countAttempt, String code, String kind, String message) {
        metrics.error(task.providerId(), code);
        try {
            if (countAttempt && task.attempts() + 1 >= config.maxAttempts()) {
                LeasedWorker.await(() -> Panache.withTransaction(() -> media.drop(task, owner)
                        .chain(() -> runs.error(null, task.providerId(), task.tenantId(), "photos", code, kind,
                                task.listingKey(), "photo " + task.mediaKey() + ": " + message))));
                return;
            }
            Duration delay = ProviderFailure.retryDelay(countAttempt, task.attempts());
            LeasedWorker.await(() -> Panache.withTransaction(() -> media.retry(task, owner, countAttempt, delay, code + ": " + message)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "photo task %d: could not record its failure; the lease will run out", task.id());
        }
    }

    /** The queue's length as a gauge, while this instance runs the queue. */
    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        if (!config.workerEnabled()) {
            return;
        }
        try {
            long n = LeasedWorker.await(() -> Panache.withSession(() -> NativeSql.strings("SELECT cast(count(*) as text) FROM photo_task")))
                    .stream().mapToLong(Long::parseLong).findFirst().orElse(0);
            metrics.backlog(n);
        } catch (RuntimeException e) {
            LOG.debug("photo backlog not measured", e);
        }
    }
}

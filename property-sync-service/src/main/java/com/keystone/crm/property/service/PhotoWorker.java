package com.keystone.crm.property.service;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.config.MediaConfig;
import com.keystone.crm.property.domain.Provider;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.NativeSql;
import com.keystone.crm.property.repository.PhotoTask;
import com.keystone.crm.property.repository.ProviderRepository;
import com.keystone.crm.property.repository.SyncRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The photo queue's consumers: {@code crm.media.concurrency} threads, each claiming the most urgent due task
 * (active listings first, then the most recently changed photos) with SKIP LOCKED and copying it. Bounded
 * concurrency here (fewer threads while this instance runs a sync's records phase, see
 * {@link RecordsActivity}); each provider's media quota is enforced by its client, and a rate-limit answer puts the task
 * back for later without counting an attempt.
 */
@ApplicationScoped
public class PhotoWorker {
    private static final Logger LOG = Logger.getLogger(PhotoWorker.class);

    private final MediaRepository media;
    private final ProviderRepository providers;
    private final SyncRunRepository runs;
    private final ProviderClients clients;
    private final PhotoCopier copier;
    private final MediaConfig config;
    private final SyncMetrics metrics;
    private final RecordsActivity records;
    private final String owner = WorkerNames.of("photos");
    private volatile boolean stopping;
    private ScheduledExecutorService threads;

    public PhotoWorker(MediaRepository media, ProviderRepository providers, SyncRunRepository runs,
                       ProviderClients clients, PhotoCopier copier, MediaConfig config, SyncMetrics metrics,
                       RecordsActivity records) {
        this.media = media;
        this.providers = providers;
        this.runs = runs;
        this.clients = clients;
        this.copier = copier;
        this.config = config;
        this.metrics = metrics;
        this.records = records;
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            return;
        }
        threads = Executors.newScheduledThreadPool(config.concurrency() + 1, r -> {
            Thread t = new Thread(r, "mls-photo-worker");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        for (int i = 0; i < config.concurrency(); i++) {
            int slot = i;
            threads.scheduleWithFixedDelay(() -> drain(slot), every, every, TimeUnit.MILLISECONDS);
        }
        threads.scheduleWithFixedDelay(this::measureBacklog, every, Math.max(every, 5000), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    void drain() {
        drain(0);
    }

    /** Copies due photos until none is left; slots beyond {@code concurrencyDuringSync} pause during a records phase. */
    void drain(int slot) {
        try {
            while (!stopping && slot < allowedNow()) {
                PhotoTask task = SyncEngine.await(() -> Panache.withTransaction(() -> media.claimTask(owner, config.lease())));
                if (task == null) {
                    return;
                }
                process(task);
            }
        } catch (RuntimeException e) {
            LOG.error("photo worker: a claim failed; retrying at the next poll", e);
        }
    }

    private int allowedNow() {
        return records.photoSlots(config.concurrency(), config.concurrencyDuringSync());
    }

    void process(PhotoTask task) {
        try {
            Provider p = SyncEngine.await(() -> Panache.withSession(() -> providers.findById(task.providerId())));
            if (p == null) {
                return;
            }
            copier.copy(task, clients.client(p), owner);
        } catch (MlsException e) {
            boolean throttled = e.kind() == MlsException.Kind.RATE_LIMITED || e.kind() == MlsException.Kind.SUSPENDED;
            String code = e.httpStatus() != null ? e.httpStatus().toString()
                    : e.retsReplyCode() != null ? e.retsReplyCode().toString() : e.kind().name();
            giveUpOrRetry(task, !throttled, code, e.kind().name(), e.serverMessage() != null ? e.serverMessage() : e.getMessage());
        } catch (PhotoCopier.PhotoTooLargeException e) {
            giveUpOrRetry(task.withAttempts(Integer.MAX_VALUE - 1), true, "too-large", "MALFORMED", e.getMessage());
        } catch (RuntimeException e) {
            giveUpOrRetry(task, true, "copy-failed", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private void giveUpOrRetry(PhotoTask task, boolean countAttempt, String code, String kind, String message) {
        metrics.error(task.providerId(), code);
        try {
            if (countAttempt && task.attempts() + 1 >= config.maxAttempts()) {
                SyncEngine.await(() -> Panache.withTransaction(() -> media.drop(task, owner)
                        .chain(() -> runs.error(null, task.providerId(), task.tenantId(), "photos", code, kind,
                                task.listingKey(), "photo " + task.mediaKey() + ": " + message))));
                return;
            }
            // exponential backoff: 2, 4, 8 ... s (a throttled provider: a minute)
            Duration delay = countAttempt ? Duration.ofSeconds(1L << Math.min(10, task.attempts() + 1)) : Duration.ofMinutes(1);
            SyncEngine.await(() -> Panache.withTransaction(() -> media.retry(task, owner, countAttempt, delay, code + ": " + message)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "photo task %d: could not record its failure; the lease will run out", task.id());
        }
    }

    private void measureBacklog() {
        try {
            long n = SyncEngine.await(() -> Panache.withSession(() -> NativeSql.strings("SELECT cast(count(*) as text) FROM photo_task")))
                    .stream().mapToLong(Long::parseLong).findFirst().orElse(0);
            metrics.backlog(n);
        } catch (RuntimeException e) {
            LOG.debug("photo backlog not measured", e);
        }
    }
}

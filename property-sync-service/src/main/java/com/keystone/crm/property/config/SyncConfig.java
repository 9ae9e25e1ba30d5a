package com.keystone.crm.property.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The sync worker: polling, lease, batches and the schedule defaults of new providers. */
@ConfigMapping(prefix = "crm.sync")
public interface SyncConfig {
    /** false on instances that only serve the API */
    @WithDefault("true")
    boolean workerEnabled();

    /**
     * providers this instance syncs at once (one worker thread each); across replicas a provider is still synced by
     * one worker at a time (its lease)
     */
    @WithDefault("2")
    @io.smallrye.config.WithName("concurrency")
    int concurrency();

    /** how often the worker looks for due providers, queued runs and runs whose worker died */
    @WithDefault("PT10S")
    Duration pollInterval();

    /** a run's hold on its provider; renewed with every batch, so a dead worker's run resumes after this */
    @WithDefault("PT2M")
    Duration lease();

    /** listings per transaction (and per checkpoint) */
    @WithDefault("200")
    int batchSize();

    /** attempts of one run (resumes included) before it is failed */
    @WithDefault("5")
    int maxAttempts();

    /** a failed scheduled run is retried after this rather than at the next cron time */
    @WithDefault("PT5M")
    Duration retryAfter();

    /** every 4 hours, Quartz syntax */
    @WithDefault("0 0 0/4 * * ?")
    String defaultCron();

    /** a reconciliation (full key list) at most this often, per provider by default */
    @WithDefault("PT24H")
    Duration defaultReconcileEvery();
}

package com.keystone.crm.lead.importing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The historical CSV import ({@code crm.import.*}). */
@ConfigMapping(prefix = "crm.import")
public interface LeadImportConfig {
    /** False: this instance accepts uploads but leaves the jobs to other instances' workers. */
    @WithDefault("true")
    boolean workerEnabled();

    /** Rows per transaction: each batch commits its leads, its error entries and the checkpoint together. */
    @WithDefault("500")
    int batchSize();

    /** How often an idle worker looks for queued jobs (an upload on this instance wakes it at once). */
    @WithDefault("PT2S")
    Duration pollInterval();

    /** How long a worker holds a job without committing a batch before another worker may take it over. */
    @WithDefault("PT1M")
    Duration lease();

    /** Attempts (claims) of one job before it is given up as failed. */
    @WithDefault("3")
    int maxAttempts();

    /** The largest CSV file accepted (413 above). */
    @WithDefault("67108864")
    long maxFileBytes();

    /** The file is stored and read back in chunks of this size, so neither side holds it whole. */
    @WithDefault("1048576")
    int chunkBytes();
}

package com.keystone.crm.property.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Photo copies to S3: the bucket, the client and the background queue. */
@ConfigMapping(prefix = "crm.media")
public interface MediaConfig {
    @WithDefault("keystone-media")
    String bucket();

    /** s3proxy / MinIO locally; absent = AWS */
    Optional<String> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** absent = the AWS default credentials chain */
    Optional<String> accessKey();

    Optional<String> secretKey();

    /** where the app reads copies (a CDN or the bucket's URL); absent = endpoint/bucket */
    Optional<String> publicBaseUrl();

    @WithDefault("true")
    boolean createBucket();

    @WithDefault("true")
    boolean workerEnabled();

    /** photo downloads at once on this instance (each provider's media quota is paced inside its client) */
    @WithDefault("4")
    int concurrency();

    /**
     * photo downloads at once while this instance runs a sync's records phase: copies keep going but leave the CPU
     * to the records (and the provider's connection budget to the listing pages)
     */
    @WithDefault("1")
    int concurrencyDuringSync();

    @WithDefault("PT2S")
    Duration pollInterval();

    @WithDefault("PT2M")
    Duration lease();

    @WithDefault("5")
    int maxAttempts();

    /** a bigger photo is refused rather than held in memory */
    @WithDefault("26214400")
    long maxBytes();

    /**
     * photos of a known size (Content-Length) above this are streamed to S3 while hashed (a staging object, then a
     * server-side copy to the content address) instead of being held in memory; smaller ones are read whole (one PUT)
     */
    @WithDefault("1048576")
    long streamAbove();
}

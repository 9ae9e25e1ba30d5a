package com.keystone.crm.property.service;

import com.keystone.crm.property.config.MediaConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

/**
 * Our copies of photos in S3 (AWS SDK v2), content-addressed: {@code media/sha256/<hex>}, so the same bytes are
 * stored once whatever listing or provider they come from. Checksums only when required: s3proxy (and some
 * S3-compatible stores) reject the SDK's default flexible checksums.
 */
@ApplicationScoped
public class MediaStore {
    private final MediaConfig config;
    private volatile S3Client client;
    private volatile boolean bucketReady;

    public MediaStore(MediaConfig config) {
        this.config = config;
    }

    public static String keyOf(String sha256Hex) {
        return "media/sha256/" + sha256Hex;
    }

    public boolean exists(String key) {
        try {
            s3().headObject(b -> b.bucket(config.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public void put(String key, byte[] bytes, String contentType) {
        ensureBucket();
        s3().putObject(b -> b.bucket(config.bucket()).key(key).contentType(contentType == null ? "image/jpeg" : contentType)
                .contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
    }

    /** Streams {@code length} bytes to {@code key} without buffering them (the length must be exact). */
    public void putStream(String key, java.io.InputStream in, long length, String contentType) {
        ensureBucket();
        s3().putObject(b -> b.bucket(config.bucket()).key(key).contentType(contentType == null ? "image/jpeg" : contentType)
                .contentLength(length), RequestBody.fromInputStream(in, length));
    }

    /** A server-side copy (no bytes through this service). */
    public void copy(String from, String to) {
        s3().copyObject(b -> b.sourceBucket(config.bucket()).sourceKey(from).destinationBucket(config.bucket())
                .destinationKey(to));
    }

    public void delete(String key) {
        s3().deleteObject(b -> b.bucket(config.bucket()).key(key));
    }

    private void ensureBucket() {
        if (bucketReady || !config.createBucket()) {
            return;
        }
        try {
            s3().createBucket(b -> b.bucket(config.bucket()));
        } catch (BucketAlreadyOwnedByYouException e) {
            // made by another instance or an earlier run
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        bucketReady = true;
    }

    S3Client s3() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                c = client;
            }
        }
        return c;
    }

    private S3Client build() {
        var b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(e -> b.endpointOverride(URI.create(e)));
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }
}

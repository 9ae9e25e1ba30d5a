package com.keystone.crm.property.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.config.MediaConfig;
import com.keystone.crm.property.repository.MediaRepository;
import com.keystone.crm.property.repository.PhotoTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Copies one photo: downloads it through the provider's client (its media quota applies), hashes the bytes, and
 * uploads them only if no copy with that SHA-256 exists yet; then points the media row at the copy.
 */
@ApplicationScoped
public class PhotoCopier {
    private final MediaRepository media;
    private final MediaStore store;
    private final MediaConfig config;
    private final SyncMetrics metrics;

    public PhotoCopier(MediaRepository media, MediaStore store, MediaConfig config, SyncMetrics metrics) {
        this.media = media;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
    }

    /** Answers the content's SHA-256 (hex). */
    public String copy(PhotoTask task, MlsProvider client, String owner) {
        MlsMedia m = new MlsMedia(task.mediaKey(), task.listingKey(), task.order(), task.providerUrl(), "Photo",
                task.modificationTimestamp());
        try (MediaContent content = client.openMedia(m)) {
            long length = content.contentLength();
            if (length > config.maxBytes()) {
                throw new PhotoTooLargeException("photo of " + length + " bytes, larger than " + config.maxBytes());
            }
            if (length > config.streamAbove()) {
                return streamed(task, owner, content, length);
            }
            byte[] bytes = read(content.body(), config.maxBytes());
            MessageDigest sha = ListingNormaliser.sha256();
            String hex = HexFormat.of().formatHex(sha.digest(bytes));
            String key = MediaStore.keyOf(hex);
            String known = LeasedWorker.await(() -> Panache.withSession(() -> media.blobKey(hex)));
            boolean stored = known != null || store.exists(key);
            if (!stored) {
                store.put(key, bytes, content.contentType());
            }
            return recorded(task, owner, hex, key, content.contentType(), bytes.length, stored);
        }
    }

    /**
     * A large photo of known size: its bytes go to a staging object while they are hashed (the content address is
     * known only at the end), then to {@code media/sha256/<hex>} by a server-side copy unless that exists already;
     * the staging object is deleted either way. Memory: one buffer, whatever the photo's size.
     */
    private String streamed(PhotoTask task, String owner, MediaContent content, long length) {
        MessageDigest sha = ListingNormaliser.sha256();
        String staging = "media/staging/" + java.util.UUID.randomUUID();
        try {
            store.putStream(staging, new java.security.DigestInputStream(content.body(), sha), length, content.contentType());
            String hex = HexFormat.of().formatHex(sha.digest());
            String key = MediaStore.keyOf(hex);
            String known = LeasedWorker.await(() -> Panache.withSession(() -> media.blobKey(hex)));
            boolean stored = known != null || store.exists(key);
            if (!stored) {
                store.copy(staging, key);
            }
            return recorded(task, owner, hex, key, content.contentType(), length, stored);
        } finally {
            try {
                store.delete(staging);
            } catch (RuntimeException e) {
                // a staging object left behind costs storage only; a bucket lifecycle rule on media/staging/ clears it
            }
        }
    }

    private String recorded(PhotoTask task, String owner, String hex, String key, String contentType, long size,
                            boolean stored) {
        LeasedWorker.await(() -> Panache.withTransaction(() -> media.recordBlob(hex, key, contentType, size)
                .chain(() -> media.copied(task, owner, hex))));
        metrics.photoCopied(task.providerId(), stored);
        return hex;
    }

    static byte[] read(InputStream in, long max) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw new PhotoTooLargeException("photo larger than " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not worth retrying. */
    public static class PhotoTooLargeException extends RuntimeException {
        public PhotoTooLargeException(String message) {
            super(message);
        }
    }
}

package com.keystone.crm.property.client;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One MLS feed, whatever its protocol (RETS 1.x or the RESO Web API). Listings come out normalised to RESO Data
 * Dictionary names. Blocking and streaming: call it from a worker thread; records are handed to the sink as they are
 * parsed, never collected whole. Every request to the provider (records and media) goes through the provider's
 * request budget, backoff and circuit breaker, so callers never pace requests themselves.
 * Room is left for RESO's EntityEvent log and webhook push as further methods.
 */
public interface MlsProvider extends AutoCloseable {

    /** {@code rets} or {@code reso-web-api}, as in the mls.sync-completed contract. */
    String protocol();

    /**
     * Streams every listing whose ModificationTimestamp is at or after {@code since} (inclusive, so nothing on the
     * boundary is lost; callers deduplicate by key), or every listing when {@code since} is null. Ascending by
     * ModificationTimestamp where the server allows it. Returns normally only when the whole slice was read; paging,
     * re-login on session expiry and fallbacks for servers that ignore or reject offsets happen inside.
     */
    void listingsModifiedSince(Instant since, ListingSink sink);

    /** Streams the key of every listing currently in the feed, for the reconciliation that finds removals. */
    void listingKeys(Consumer<String> sink);

    /** The listing's media records (photos), ordered by Order. */
    List<MlsMedia> media(String listingKey);

    /**
     * The media records of several listings, each ordered by Order; every key is in the answer (an empty list when
     * it has none). By default one {@link #media(String)} per key; protocols that can list several listings' media
     * in one request (RETS GetObject with a list of ids) override it.
     */
    default Map<String, List<MlsMedia>> media(Collection<String> listingKeys) {
        Map<String, List<MlsMedia>> media = new LinkedHashMap<>();
        for (String key : listingKeys) {
            media.put(key, media(key));
        }
        return media;
    }

    /** Opens one media object's bytes; the caller closes the content. */
    MediaContent openMedia(MlsMedia media);

    /** Requests made, quota and breaker state, for the dashboard and metrics. */
    ProviderUsage usage();

    /** Logs out (RETS) and releases connections. */
    @Override
    void close();
}

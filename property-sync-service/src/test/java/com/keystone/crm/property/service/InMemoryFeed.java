package com.keystone.crm.property.service;

import com.keystone.crm.property.client.ListingSink;
import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.client.ProviderUsage;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test double of a provider for unit tests of the engine's logic only (boundary dedupe, unchanged content,
 * checkpoint resume, reconciliation): an in-memory feed, ascending by ModificationTimestamp, that can repeat the
 * boundary, stop mid-stream as a crashing process would, and record what it was asked. End-to-end tests use the
 * real clients against the simulator instead.
 */
public class InMemoryFeed implements MlsProvider {
    /** Stands for the worker process dying mid-run: not an exception the engine handles. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private final Map<String, Map<String, Object>> listings = new LinkedHashMap<>();
    private final Map<String, List<MlsMedia>> media = new HashMap<>();
    private final Map<String, Instant> modified = new HashMap<>();
    private final Map<String, Instant> photosChanged = new HashMap<>();
    public final List<Instant> sinceAsked = new CopyOnWriteArrayList<>();
    public final List<String> mediaAsked = new CopyOnWriteArrayList<>();
    /** One entry per media request (a request may list several listings), with the keys it asked. */
    public final List<List<String>> mediaRequests = new CopyOnWriteArrayList<>();
    /** Media served with the records (as RESO's $expand=Media); off: listed separately (as RETS GetObject). */
    private volatile boolean mediaWithRecords = true;
    private final Map<String, List<String>> problems = new HashMap<>();
    /** Rows the "client" says it decoded with a fallback charset (a real client counts them in its usage). */
    public volatile long repairedRows;
    private volatile int crashAfter = -1;
    private volatile boolean duplicateFirst;
    private volatile boolean emptyKeys;

    public InMemoryFeed put(String key, Instant modifiedAt, BigDecimal price, String status, int photos) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ListingId", "MLS-" + key);
        f.put("ListPrice", price);
        f.put("OriginalListPrice", price);
        f.put("StandardStatus", status);
        f.put("PropertyType", "Residential");
        f.put("BedroomsTotal", 3L);
        f.put("BathroomsTotalInteger", 2L);
        f.put("City", "Springfield");
        f.put("PostalCode", "80202");
        f.put("UnparsedAddress", "1 Main St");
        f.put("Appliances", List.of("Dishwasher", "Range"));
        f.put("ModificationTimestamp", modifiedAt);
        f.put("PhotosCount", (long) photos);
        listings.put(key, f);
        modified.put(key, modifiedAt);
        photosChanged.put(key, modifiedAt);
        List<MlsMedia> m = new ArrayList<>();
        for (int i = 1; i <= photos; i++) {
            m.add(new MlsMedia(key + "-" + i, key, i, "http://mls.test/media/" + key + "-" + i + ".jpg", "Photo", modifiedAt));
        }
        media.put(key, m);
        return this;
    }

    /** A value the client could not type, as a real client reports it (null clears). */
    public InMemoryFeed problem(String key, String problem) {
        if (problem == null) {
            problems.remove(key);
        } else {
            problems.put(key, List.of(problem));
        }
        return this;
    }

    /** Sets one field as served (no timestamp moves). */
    public InMemoryFeed with(String key, String field, Object value) {
        listings.get(key).put(field, value);
        return this;
    }

    /** A change of price (photos untouched). */
    public void reprice(String key, Instant at, BigDecimal price) {
        listings.get(key).put("ListPrice", price);
        touch(key, at);
    }

    /** ModificationTimestamp moves, nothing else. */
    public void touch(String key, Instant at) {
        listings.get(key).put("ModificationTimestamp", at);
        modified.put(key, at);
    }

    public void remove(String key) {
        listings.remove(key);
        modified.remove(key);
    }

    public void crashAfter(int listingsDelivered) {
        this.crashAfter = listingsDelivered;
    }

    /** Deliver the first listing twice (a server repeating a record across a page boundary). */
    public void duplicateFirst(boolean on) {
        this.duplicateFirst = on;
    }

    /** Serves media apart from the records, as a RETS server does: the engine must have them listed. */
    public InMemoryFeed mediaApart() {
        this.mediaWithRecords = false;
        return this;
    }

    /** A new set of photos: PhotosChangeTimestamp and ModificationTimestamp move, the photos get new keys. */
    public void rephotograph(String key, Instant at, int photos) {
        listings.get(key).put("PhotosCount", (long) photos);
        photosChanged.put(key, at);
        touch(key, at);
        List<MlsMedia> m = new ArrayList<>();
        for (int i = 1; i <= photos; i++) {
            m.add(new MlsMedia(key + "-" + i + "-" + at.getEpochSecond(), key, i,
                    "http://mls.test/media/" + key + "-" + i + "-" + at.getEpochSecond() + ".jpg", "Photo", at));
        }
        media.put(key, m);
    }

    /** The same photos (keys, MediaModificationTimestamps) in reverse order: PhotosChangeTimestamp moves, as it does. */
    public void reorderPhotos(String key, Instant at) {
        photosChanged.put(key, at);
        touch(key, at);
        List<MlsMedia> before = media.get(key);
        List<MlsMedia> m = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            MlsMedia b = before.get(before.size() - 1 - i);
            m.add(new MlsMedia(b.mediaKey(), key, i + 1, b.mediaUrl(), b.category(), b.modificationTimestamp()));
        }
        media.put(key, m);
    }

    public void emptyKeys(boolean on) {
        this.emptyKeys = on;
    }

    @Override
    public String protocol() {
        return "reso-web-api";
    }

    @Override
    public void listingsModifiedSince(Instant since, ListingSink sink) {
        sinceAsked.add(since == null ? Instant.EPOCH : since);
        List<String> keys = new ArrayList<>(listings.keySet());
        keys.sort(Comparator.comparing((String k) -> modified.get(k)).thenComparing(k -> k));
        int delivered = 0;
        boolean first = true;
        for (String k : keys) {
            if (since != null && modified.get(k).isBefore(since)) {
                continue;
            }
            if (crashAfter >= 0 && delivered >= crashAfter) {
                crashAfter = -1;
                throw new SimulatedCrash();
            }
            MlsListing l = new MlsListing(k, modified.get(k), photosChanged.get(k), new LinkedHashMap<>(listings.get(k)),
                    mediaWithRecords ? List.copyOf(media.getOrDefault(k, List.of())) : null, problems.getOrDefault(k, List.of()));
            try {
                sink.accept(l);
                if (first && duplicateFirst) {
                    sink.accept(l);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            first = false;
            delivered++;
        }
    }

    @Override
    public void listingKeys(Consumer<String> sink) {
        if (!emptyKeys) {
            new ArrayList<>(listings.keySet()).forEach(sink);
        }
    }

    @Override
    public List<MlsMedia> media(String listingKey) {
        mediaAsked.add(listingKey);
        return media.getOrDefault(listingKey, List.of());
    }

    @Override
    public Map<String, List<MlsMedia>> media(java.util.Collection<String> listingKeys) {
        mediaRequests.add(List.copyOf(listingKeys));
        Map<String, List<MlsMedia>> out = new LinkedHashMap<>();
        for (String key : listingKeys) {
            mediaAsked.add(key);
            out.put(key, media.getOrDefault(key, List.of()));
        }
        return out;
    }

    @Override
    public MediaContent openMedia(MlsMedia m) {
        byte[] bytes = ("photo " + (m.order() % 2)).getBytes(StandardCharsets.UTF_8);
        return new MediaContent(new ByteArrayInputStream(bytes), "image/jpeg", bytes.length);
    }

    @Override
    public ProviderUsage usage() {
        return new ProviderUsage(0, 0, 0, null, null, null, "CLOSED", 0, repairedRows);
    }

    @Override
    public void close() {
        // nothing to release
    }
}

package com.keystone.crm.tools.mlssimulator;

import com.keystone.crm.tools.mlssimulator.feed.Field;
import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.ListingGenerator;
import com.keystone.crm.tools.mlssimulator.feed.MediaItem;
import com.keystone.crm.tools.mlssimulator.feed.PhotoRenderer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The listing store behind both protocols, with its own clock. Thread-safe. Every mutation first advances the
 * clock by one second, then stamps the listings it touches with the clock, so watermarks are testable and several
 * listings share a boundary timestamp. Which listings a mutation picks is drawn from the seed: the same sequence
 * of calls picks the same listings.
 */
public final class SimulatedFeed {

    private static final Duration STEP = Duration.ofSeconds(1);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Listing> listings = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final ListingGenerator generator;
    private final PhotoRenderer photos;
    private final Random picker;
    private final int photosPerListing;
    private final String mediaBaseUrl;
    private int nextIndex;
    private Instant clock;

    SimulatedFeed(SimulatorOptions options, String mediaBaseUrl) {
        this.clock = options.clockStart() != null ? options.clockStart() : Instant.parse("2026-01-01T00:00:00Z");
        this.generator = new ListingGenerator(options.seed(), clock, options.photosPerListing());
        this.photos = new PhotoRenderer(options.seed());
        this.picker = new Random(options.seed());
        this.photosPerListing = options.photosPerListing();
        this.mediaBaseUrl = mediaBaseUrl;
        for (int i = 1; i <= options.listings(); i++) {
            Listing l = generator.initial(i);
            listings.put(l.listingKey(), l);
        }
        this.nextIndex = options.listings() + 1;
    }

    /** New Active listings, modified now. */
    public List<String> addListings(int n) {
        return write(() -> {
            clock = clock.plus(STEP);
            List<String> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Listing l = generator.added(nextIndex++, clock);
                listings.put(l.listingKey(), l);
                keys.add(l.listingKey());
            }
            return keys;
        });
    }

    /** New ListPrice (a 2-8 % drop or a 1-3 % rise) on Active / ActiveUnderContract listings. */
    public List<String> changePrices(int n) {
        return mutate(n, l -> isOneOf(l, "Active", "ActiveUnderContract"), l -> {
            double factor = picker.nextInt(4) == 0 ? 1.01 + picker.nextInt(3) / 100.0 : 0.98 - picker.nextInt(7) / 100.0;
            BigDecimal price = l.listPrice().multiply(BigDecimal.valueOf(factor)).setScale(-3, RoundingMode.HALF_UP)
                    .setScale(0);
            return l.withPrice(price.equals(l.listPrice()) ? price.subtract(BigDecimal.valueOf(1000)) : price, clock);
        });
    }

    /** Moves listings one step along Active → ActiveUnderContract/Pending → Closed. */
    public List<String> changeStatuses(int n) {
        return mutate(n, l -> isOneOf(l, "Active", "ActiveUnderContract", "Pending"), l -> {
            String next = switch (l.standardStatus()) {
                case "Active" -> picker.nextBoolean() ? "ActiveUnderContract" : "Pending";
                case "ActiveUnderContract" -> "Pending";
                default -> "Closed";
            };
            return l.withStatus(next, clock);
        });
    }

    /** Status Withdrawn; the listing stays in the feed. */
    public List<String> withdraw(int n) {
        return mutate(n, l -> isOneOf(l, "Active", "ActiveUnderContract", "Pending"),
                l -> l.withStatus("Withdrawn", clock));
    }

    /** Silently gone: no status change, no timestamp; only a key reconciliation notices. */
    public List<String> remove(int n) {
        return write(() -> {
            List<Listing> chosen = pick(n, l -> true);
            List<String> keys = new ArrayList<>(chosen.size());
            for (Listing l : chosen) {
                listings.remove(l.listingKey());
                removed.add(l.listingKey());
                keys.add(l.listingKey());
            }
            return keys;
        });
    }

    /** New photo bytes: PhotosChangeTimestamp, MediaModificationTimestamp and ModificationTimestamp move. */
    public List<String> changePhotos(int n) {
        return mutate(n, l -> l.photosCount() > 0, l -> l.withNewPhotos(clock));
    }

    /** Only ModificationTimestamp moves (the "touched the whole database" pitfall in small). */
    public List<String> touchWithoutChange(int n) {
        return mutate(n, l -> true, l -> l.touched(clock));
    }

    /** A snapshot in RESO names (lookups as enumeration names, Appliances a list, timestamps Instants); null if absent. */
    public Map<String, Object> listing(String key) {
        Listing l = read(() -> listings.get(key));
        return l == null ? null : toMap(l);
    }

    public static Map<String, Object> toMap(Listing l) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            map.put(f.resoName(), f.valueOf(l));
        }
        return Collections.unmodifiableMap(map);
    }

    /** The keys present in the feed, in insertion order. */
    public Set<String> keys() {
        return read(() -> Collections.unmodifiableSet(new LinkedHashSet<>(listings.keySet())));
    }

    /** Keys {@link #remove(int)} took out of the feed. */
    public Set<String> removedKeys() {
        return read(() -> Collections.unmodifiableSet(new LinkedHashSet<>(removed)));
    }

    public int size() {
        return read(listings::size);
    }

    public Instant clock() {
        return read(() -> clock);
    }

    public Instant advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the feed clock only moves forward");
        }
        return write(() -> clock = clock.plus(by));
    }

    /** All listings, an immutable copy (what the protocol handlers query). */
    public List<Listing> snapshot() {
        return read(() -> List.copyOf(listings.values()));
    }

    public Optional<Listing> find(String key) {
        return Optional.ofNullable(read(() -> listings.get(key)));
    }

    /** The Media records of a listing, by Order. */
    public List<MediaItem> media(Listing l) {
        List<MediaItem> items = new ArrayList<>(l.photosCount());
        for (int order = 1; order <= l.photosCount(); order++) {
            String key = l.mediaKey(order);
            items.add(new MediaItem(key, l.listingKey(), order, mediaUrl(key), l.photosChangeTimestamp(),
                    l.photoVersion()));
        }
        return items;
    }

    public List<MediaItem> media(String listingKey) {
        return find(listingKey).map(this::media).orElse(List.of());
    }

    public String mediaUrl(String mediaKey) {
        return mediaBaseUrl + "/media/" + mediaKey + ".jpg";
    }

    /** The current JPEG of a photo, if the MediaKey names one. */
    public Optional<byte[]> photo(String mediaKey) {
        return photoVersion(mediaKey).map(version -> photos.jpeg(mediaKey, version));
    }

    /** Whether the photo exists, without producing its bytes (a GetObject with Location=1 answers only URLs). */
    public boolean hasPhoto(String mediaKey) {
        return photoVersion(mediaKey).isPresent();
    }

    private Optional<Integer> photoVersion(String mediaKey) {
        int dash = mediaKey.lastIndexOf('-');
        if (dash < 1) {
            return Optional.empty();
        }
        int order;
        try {
            order = Integer.parseInt(mediaKey.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Listing> l = find(mediaKey.substring(0, dash));
        if (l.isEmpty() || order < 1 || order > l.get().photosCount()) {
            return Optional.empty();
        }
        return Optional.of(l.get().photoVersion());
    }

    public int photosPerListing() {
        return photosPerListing;
    }

    private List<String> mutate(int n, Predicate<Listing> eligible, Function<Listing, Listing> change) {
        return write(() -> {
            List<String> keys = new ArrayList<>();
            for (Listing l : pick(n, eligible)) {
                listings.put(l.listingKey(), change.apply(l));
                keys.add(l.listingKey());
            }
            return keys;
        });
    }

    /** Up to n distinct eligible listings, drawn with the seeded picker; call with the write lock held. */
    private List<Listing> pick(int n, Predicate<Listing> eligible) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        clock = clock.plus(STEP);
        List<Listing> pool = new ArrayList<>();
        for (Listing l : listings.values()) {
            if (eligible.test(l)) {
                pool.add(l);
            }
        }
        int take = Math.min(n, pool.size());
        for (int i = 0; i < take; i++) {
            Collections.swap(pool, i, i + picker.nextInt(pool.size() - i));
        }
        return new ArrayList<>(pool.subList(0, take));
    }

    private static boolean isOneOf(Listing l, String... statuses) {
        for (String s : statuses) {
            if (s.equals(l.standardStatus())) {
                return true;
            }
        }
        return false;
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(java.util.function.Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}

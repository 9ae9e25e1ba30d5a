package com.keystone.crm.property.client.reso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.SimProviders;
import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real RESO Web API client against the simulator over HTTP: replication, keys, media, and each fault survived. */
class ResoClientSimulatorTest {

    private MlsSimulator sim;
    private ResoClient client;

    private ResoClient start(int listings, int pageSize, double rps) {
        sim = MlsSimulator.start(SimProviders.options(listings).serverZoneOffset(ZoneOffset.ofHours(-5)).build());
        ProviderSettings settings = SimProviders.reso(sim, pageSize, rps);
        client = new ResoClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM);
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Map<String, MlsListing> all(Instant since) {
        Map<String, MlsListing> seen = new LinkedHashMap<>();
        client.listingsModifiedSince(since, l -> seen.put(l.listingKey(), l));
        return seen;
    }

    @Test
    void streamsTheWholeFeedTypedAndInTimestampOrderWithMedia() {
        start(120, 25, 0);
        List<Instant> order = new ArrayList<>();
        Map<String, MlsListing> seen = new LinkedHashMap<>();
        client.listingsModifiedSince(null, l -> {
            order.add(l.modificationTimestamp());
            seen.put(l.listingKey(), l);
        });

        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sim.feed().keys());
        assertThat(order).isSorted();
        assertThat(sim.stats().count("reso/Property", 200)).isEqualTo(5); // 120 / 25, by nextLink
        String key = seen.keySet().iterator().next();
        MlsListing listing = seen.get(key);
        Map<String, Object> truth = sim.feed().listing(key);
        assertThat(listing.fields().get("ListPrice")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) listing.fields().get("ListPrice")).isEqualByComparingTo(truth.get("ListPrice").toString());
        assertThat(listing.fields().get("BedroomsTotal")).isEqualTo(((Number) truth.get("BedroomsTotal")).longValue());
        assertThat(listing.fields().get("StandardStatus")).isEqualTo(truth.get("StandardStatus"));
        assertThat(listing.fields().get("Appliances")).isEqualTo(truth.get("Appliances"));
        assertThat(listing.fields().get("ListingContractDate")).isEqualTo(truth.get("ListingContractDate"));
        assertThat(listing.modificationTimestamp()).isEqualTo(truth.get("ModificationTimestamp"));
        assertThat(listing.photosChangeTimestamp()).isEqualTo(truth.get("PhotosChangeTimestamp"));
        assertThat(listing.media()).hasSize(3).extracting(MlsMedia::order).containsExactly(1, 2, 3);
        assertThat(listing.media().get(0).listingKey()).isEqualTo(key);
        assertThat(client.usage().requests()).isGreaterThanOrEqualTo(7); // token + $metadata + 5 pages
    }

    @Test
    void incrementalFromAWatermarkReturnsOnlyTheChangedListingsAndTheBoundary() {
        start(60, 50, 0);
        Instant watermark = all(null).values().stream().map(MlsListing::modificationTimestamp).max(Instant::compareTo).orElseThrow();
        List<String> changed = sim.feed().changePrices(4);
        List<String> added = sim.feed().addListings(2);

        Map<String, MlsListing> delta = all(watermark);

        assertThat(delta.keySet()).containsAll(changed).containsAll(added);
        // ge: what sat exactly on the watermark comes again; nothing older does
        assertThat(delta.values()).allSatisfy(l -> assertThat(l.modificationTimestamp()).isAfterOrEqualTo(watermark));
        assertThat(delta.size()).isLessThan(15);
    }

    @Test
    void keyListFindsRemovedListings() {
        start(80, 30, 0);
        List<String> removed = sim.feed().remove(3);
        Set<String> keys = new HashSet<>();
        client.listingKeys(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(sim.feed().keys()).doesNotContainAnyElementsOf(removed);
    }

    @Test
    void mediaRecordsAndPhotoBytes() throws Exception {
        start(5, 10, 0);
        String key = sim.feed().keys().iterator().next();
        List<MlsMedia> media = client.media(key);
        assertThat(media).extracting(MlsMedia::order).containsExactly(1, 2, 3);
        assertThat(media).allSatisfy(m -> {
            assertThat(m.listingKey()).isEqualTo(key);
            assertThat(m.category()).isEqualTo("Photo");
            assertThat(m.modificationTimestamp()).isNotNull();
        });
        try (MediaContent content = client.openMedia(media.get(0))) {
            byte[] bytes = content.body().readAllBytes();
            assertThat(content.contentType()).startsWith("image/jpeg");
            assertThat(bytes).isEqualTo(sim.feed().photo(media.get(0).mediaKey()).orElseThrow());
        }
        assertThat(client.usage().mediaRequests()).isEqualTo(1);
    }

    @Test
    void survivesTokenExpiryMidSync() {
        start(100, 10, 0);
        sim.faults().expireSessionsAfter(4);
        assertThat(all(null)).hasSize(100);
        assertThat(client.tokensIssued()).isGreaterThan(1);
        assertThat(sim.stats().count("reso/Property", 401)).isPositive();
    }

    @Test
    void survivesA5xxBurstWithBackoff() {
        start(50, 10, 0);
        client.listingKeys(k -> { }); // token and a first page before the burst
        sim.faults().failNext(3, 503);
        assertThat(all(null)).hasSize(50);
        assertThat(sim.stats().countStatus(503)).isEqualTo(3);
        assertThat(client.usage().breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void honoursRetryAfterAndIsNeverSuspended() {
        start(60, 5, 0); // no client-side budget: the server's 429s must pace us
        sim.faults().rateLimit(4, 1, 1); // one request during a Retry-After suspends the client
        assertThat(all(null)).hasSize(60);
        assertThat(sim.faults().suspended()).isFalse();
        assertThat(sim.faults().violations()).isZero();
        assertThat(sim.stats().countStatus(429)).isPositive();
        assertThat(client.usage().throttledResponses()).isEqualTo(sim.stats().countStatus(429));
    }

    @Test
    void aClientBudgetKeepsUnderTheServerLimitWithoutA429() {
        start(40, 5, 3.0);
        sim.faults().rateLimit(4, 2, 1);
        assertThat(all(null)).hasSize(40);
        assertThat(sim.stats().countStatus(429)).isZero();
        assertThat(sim.stats().peakPerSecond()).isLessThanOrEqualTo(4);
    }

    @Test
    void survivesLatencyAndAServerCappingTop() {
        start(45, 20, 0);
        sim.faults().latency(Duration.ofMillis(30)).topCap(7);
        assertThat(all(null)).hasSize(45);
        assertThat(sim.stats().count("reso/Property", 200)).isEqualTo(7); // ceil(45 / 7) pages by nextLink
    }

    @Test
    void readsZonelessTimestampsInTheServerZone() {
        start(20, 50, 0);
        sim.faults().zonelessTimestamps(true);
        Map<String, MlsListing> seen = all(null);
        assertThat(seen).hasSize(20);
        seen.values().forEach(l -> assertThat(l.modificationTimestamp())
                .isEqualTo(sim.feed().listing(l.listingKey()).get("ModificationTimestamp")));
    }

    @Test
    void renewsTheTokenBeforeItExpires() {
        sim = MlsSimulator.start(SimProviders.options(200).tokenTtl(Duration.ofSeconds(2)).build());
        ProviderSettings settings = SimProviders.reso(sim, 5, 0);
        client = new ResoClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM);
        // 40 pages take longer than one token lives; the latency is short because the server checks the token
        // after it, and the client renews only a second before expiry: a long latency eats that margin
        sim.faults().latency(Duration.ofMillis(60));
        assertThat(all(null)).hasSize(200);
        assertThat(client.tokensIssued()).isGreaterThan(1);
        assertThat(sim.stats().countStatus(401)).isZero();
    }

    @Test
    void aClientIgnoringRetryAfterIsSuspendedAndToldSo() {
        start(30, 5, 0);
        ProviderSettings settings = SimProviders.reso(sim, 5, 0);
        sim.faults().rateLimit(2, 2, 2);
        // a client whose clock skips every wait: exactly what the real one must never do
        try (ResoClient rogue = new ResoClient(settings, HttpPolicy.from(settings).withRetries(0), new Waiter() {
            private Duration skipped = Duration.ZERO;

            @Override
            public synchronized java.time.Instant now() {
                return java.time.Instant.now().plus(skipped);
            }

            @Override
            public synchronized void sleep(Duration d) {
                skipped = skipped.plus(d); // pretends the wait is over at once: hammers
            }
        })) {
            assertThatThrownBy(() -> rogue.listingKeys(k -> { })).isInstanceOfSatisfying(MlsException.class,
                    e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.SUSPENDED));
        }
        assertThat(sim.faults().suspended()).isTrue();
    }

    @Test
    void wrongCredentialsSurfaceAsAuthentication() {
        sim = MlsSimulator.start(SimProviders.options(3).build());
        ProviderSettings good = SimProviders.reso(sim, 10, 0);
        ProviderSettings bad = new ProviderSettings("reso-sim", "reso-web-api", good.url(), good.tokenUrl(), "reso-client", "wrong",
                good.userAgent(), null, null, false, "Property", null, null, Map.of(), good.serverZone(), 10, 0, 0, Duration.ofSeconds(5));
        client = new ResoClient(bad, HttpPolicy.from(bad), Waiter.SYSTEM);
        assertThatThrownBy(() -> client.listingKeys(k -> { }))
                .isInstanceOfSatisfying(MlsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MlsException.Kind.AUTHENTICATION);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.serverMessage()).contains("invalid_client");
                });
    }

    @Test
    void aLastingOutageEndsAsUnavailableAndOpensTheBreaker() {
        start(10, 10, 0);
        sim.faults().errorRate(1.0, 503);
        assertThatThrownBy(() -> client.listingKeys(k -> { }))
                .isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.UNAVAILABLE));
        long before = sim.stats().total();
        // the breaker (threshold 20 in the fast policy) opens after a few failed calls; then no request leaves
        for (int i = 0; i < 5; i++) {
            try {
                client.listingKeys(k -> { });
            } catch (MlsException expected) {
                // counted below
            }
        }
        assertThat(client.usage().breakerState()).isEqualTo("OPEN");
        assertThat(sim.stats().total() - before).isLessThanOrEqualTo(20);
    }
}

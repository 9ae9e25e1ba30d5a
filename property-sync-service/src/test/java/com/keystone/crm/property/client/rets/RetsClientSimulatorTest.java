package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.SimProviders;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real RETS 1.7.2 client against the simulator over HTTP: sync, keys, media, and each fault survived. */
class RetsClientSimulatorTest {

    private MlsSimulator sim;
    private RetsClient client;

    private RetsClient start(int listings, int pageSize, UnaryOperator<ProviderSettings> tweak) {
        return start(SimProviders.options(listings).serverZoneOffset(ZoneOffset.ofHours(-5)), pageSize, tweak);
    }

    private RetsClient start(SimulatorOptions.Builder options, int pageSize, UnaryOperator<ProviderSettings> tweak) {
        sim = MlsSimulator.start(options.build());
        ProviderSettings settings = tweak.apply(SimProviders.rets(sim, pageSize, 0));
        client = new RetsClient(settings, SimProviders.fastPolicy(settings), Waiter.SYSTEM);
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

    private void assertMatchesFeed(Map<String, MlsListing> seen) {
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sim.feed().keys());
        seen.values().forEach(this::assertMatchesFeed);
    }

    private void assertMatchesFeed(MlsListing listing) {
        Map<String, Object> truth = sim.feed().listing(listing.listingKey());
        Map<String, Object> f = listing.fields();
        assertThat((BigDecimal) f.get("ListPrice")).isEqualByComparingTo(truth.get("ListPrice").toString());
        assertThat(f.get("BedroomsTotal")).isEqualTo(truth.get("BedroomsTotal") == null ? null : ((Number) truth.get("BedroomsTotal")).longValue());
        assertThat(f.get("StandardStatus")).isEqualTo(truth.get("StandardStatus"));
        assertThat(f.get("PropertyType")).isEqualTo(truth.get("PropertyType"));
        assertThat(f.getOrDefault("Appliances", List.of())).isEqualTo(truth.get("Appliances") == null ? List.of() : truth.get("Appliances"));
        assertThat(f.get("ListingContractDate")).isEqualTo(truth.get("ListingContractDate"));
        assertThat(f.get("City")).isEqualTo(truth.get("City"));
        assertThat(listing.modificationTimestamp()).isEqualTo(truth.get("ModificationTimestamp"));
        assertThat(listing.photosChangeTimestamp()).isEqualTo(truth.get("PhotosChangeTimestamp"));
    }

    @Test
    void streamsEveryClassByOffsetPagesDecodingLookupsAndTypingByMetadata() {
        start(100, 30, s -> s);
        Map<String, MlsListing> seen = all(null);
        assertMatchesFeed(seen);
        RetsMetadata md = client.metadata();
        assertThat(md.systemId()).isEqualTo("KEYSTONE-SIM");
        assertThat(md.timeZoneOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(md.keyField("Property")).isEqualTo("LIST_1");
        assertThat(sim.stats().count("rets/login")).isGreaterThanOrEqualTo(1);
        assertThat(sim.stats().count("rets/getmetadata", 200)).isEqualTo(6); // SYSTEM, RESOURCE, CLASS, 2 TABLEs, LOOKUP_TYPE
        assertThat(client.usage().skippedRows()).isZero();
        client.close();
        assertThat(sim.stats().count("rets/logout", 200)).isEqualTo(1);
    }

    @Test
    void compactDecodedPerProviderGivesTheSameListings() {
        start(40, 50, s -> SimProviders.with(s, "COMPACT-DECODED", null, true, s.serverZone()));
        assertMatchesFeed(all(null));
    }

    @Test
    void incrementalFromAWatermark() {
        start(50, 100, s -> s);
        Instant watermark = all(null).values().stream().map(MlsListing::modificationTimestamp).max(Instant::compareTo).orElseThrow();
        List<String> changed = sim.feed().changeStatuses(3);
        Map<String, MlsListing> delta = all(watermark);
        assertThat(delta.keySet()).containsAll(changed);
        assertThat(delta.values()).allSatisfy(l -> assertThat(l.modificationTimestamp()).isAfterOrEqualTo(watermark));
        assertThat(delta.size()).isLessThan(10);
        changed.forEach(k -> assertMatchesFeed(delta.get(k)));
    }

    @Test
    void keyListFindsRemovedListings() {
        start(60, 20, s -> s);
        List<String> removed = sim.feed().remove(4);
        Set<String> keys = new HashSet<>();
        client.listingKeys(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(sim.feed().keys()).doesNotContainAnyElementsOf(removed);
    }

    @Test
    void mediaByLocationUrlsAndPhotoBytesByUrlAndByGetObject() throws Exception {
        start(4, 10, s -> s);
        String key = sim.feed().keys().iterator().next();
        List<MlsMedia> media = client.media(key);
        assertThat(media).extracting(MlsMedia::order).containsExactly(1, 2, 3);
        assertThat(media).allSatisfy(m -> assertThat(m.mediaUrl()).isEqualTo(sim.feed().mediaUrl(m.mediaKey())));
        byte[] expected = sim.feed().photo(media.get(1).mediaKey()).orElseThrow();
        try (MediaContent byUrl = client.openMedia(media.get(1))) {
            assertThat(byUrl.body().readAllBytes()).isEqualTo(expected);
        }
        MlsMedia withoutUrl = new MlsMedia(media.get(1).mediaKey(), key, 2, null, "Photo", null);
        try (MediaContent byObject = client.openMedia(withoutUrl)) {
            assertThat(byObject.contentType()).startsWith("image/jpeg");
            assertThat(byObject.body().readAllBytes()).isEqualTo(expected);
        }
        assertThat(sim.stats().count("rets/getobject", 200)).isEqualTo(2);
        assertThat(client.usage().mediaRequests()).isEqualTo(2);
        assertThat(client.media("NO-SUCH-LISTING")).isEmpty(); // 20403
    }

    @Test
    void mediaOfSeveralListingsInOneGetObject() {
        start(5, 10, s -> s);
        List<String> keys = new ArrayList<>(sim.feed().keys()).subList(0, 3);
        List<String> asked = new ArrayList<>(keys);
        asked.add("NO-SUCH-LISTING");
        Map<String, List<MlsMedia>> media = client.media(asked);
        assertThat(sim.stats().count("rets/getobject", 200)).isEqualTo(1);
        assertThat(media).containsOnlyKeys(asked);
        assertThat(media.get("NO-SUCH-LISTING")).isEmpty(); // its 20403 part among the good ones
        for (String key : keys) {
            assertThat(media.get(key)).isEqualTo(client.media(key));
            assertThat(media.get(key)).allSatisfy(m -> assertThat(m.listingKey()).isEqualTo(key));
        }
        assertThat(client.media(List.of(keys.get(0)))).containsEntry(keys.get(0), client.media(keys.get(0)));
    }

    @Test
    void sendsRetsUaAuthorizationWhenTheProviderRequiresIt() {
        start(SimProviders.options(20).uaPassword("ua-secret"), 50, s -> s);
        assertThat(all(null)).hasSize(20);
    }

    @Test
    void aWrongUaPasswordIsAnAuthenticationFailure() {
        start(SimProviders.options(5).uaPassword("ua-secret"), 50, s -> SimProviders.with(s, "COMPACT", "wrong", false, s.serverZone()));
        assertThatThrownBy(() -> all(null)).isInstanceOfSatisfying(MlsException.class, e -> {
            assertThat(e.kind()).isEqualTo(MlsException.Kind.AUTHENTICATION);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.serverMessage()).contains("20041");
        });
    }

    @Test
    void logsInAgainWhenTheSessionExpiresMidSync() {
        start(90, 10, s -> s);
        sim.faults().expireSessionsAfter(4).latency(java.time.Duration.ofMillis(20));
        assertMatchesFeed(all(null));
        assertThat(sim.stats().count("rets/login", 200)).isGreaterThan(1);
    }

    @Test
    void aThreadArrivingWhileAnotherLoadsMetadataWaitsForIt() throws Exception {
        start(12, 50, s -> s);
        sim.faults().latency(java.time.Duration.ofMillis(80));
        String key = sim.feed().keys().iterator().next();
        java.util.concurrent.ExecutorService photos = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // the photo worker logs in first; the sync starts while that login is still loading metadata
            java.util.concurrent.Future<List<MlsMedia>> media = photos.submit(() -> client.media(key));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> sim.stats().count("rets/getmetadata", 200) >= 1);
            assertThat(client.metadata()).isNotNull();
            assertMatchesFeed(all(null));
            assertThat(media.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
            assertThat(sim.stats().count("rets/login", 200)).isEqualTo(1);
        } finally {
            photos.shutdownNow();
        }
    }

    @Test
    void reloadsMetadataWhenALoginReportsANewMetadataTimestamp() {
        start(20, 50, s -> s);
        assertThat(all(null)).hasSize(20);
        long loads = sim.stats().count("rets/getmetadata", 200);
        client.login(); // same MetadataTimestamp: the cache stands
        assertThat(sim.stats().count("rets/getmetadata", 200)).isEqualTo(loads);
        sim.bumpRetsMetadata();
        client.login();
        assertThat(sim.stats().count("rets/getmetadata", 200)).isEqualTo(2 * loads);
        assertMatchesFeed(all(null));
    }

    @Test
    void fallsBackToKeysWhenTheServerIgnoresOffset() {
        start(70, 20, s -> s);
        sim.faults().ignoreOffset(true);
        assertMatchesFeed(all(null));
    }

    @Test
    void fallsBackToKeysWhenTheServerRejectsOffset() {
        start(70, 20, s -> s);
        sim.faults().rejectOffset(true);
        assertMatchesFeed(all(null));
    }

    @Test
    void pagesPastAServerRowCap() {
        start(80, 50, s -> s);
        sim.faults().maxRows(15);
        assertMatchesFeed(all(null));
    }

    @Test
    void slicesTheKeyQueryByTimeWhenTheCapAndAnIgnoredOffsetMeet() {
        start(80, 50, s -> s);
        sim.faults().maxRows(15).ignoreOffset(true);
        assertMatchesFeed(all(null));
        Set<String> keys = new HashSet<>();
        client.listingKeys(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(sim.feed().keys());
    }

    @Test
    void survivesAServerAnsweringMaxRecordsExceededInsteadOfCapping() {
        start(70, 50, s -> s);
        sim.faults().maxRows(15).maxRowsAsError(true);
        assertMatchesFeed(all(null));
    }

    @Test
    void skipsReportsAndRefetchesMalformedRows() {
        start(40, 100, s -> s);
        sim.faults().malformedRows(2);
        assertMatchesFeed(all(null));
        assertThat(client.usage().skippedRows()).isEqualTo(2);
    }

    @Test
    void survivesInvalidCharacterReferences() {
        start(15, 100, s -> s);
        sim.faults().invalidXmlCharRefs(true);
        Map<String, MlsListing> seen = all(null);
        assertMatchesFeed(seen);
        assertThat(seen.values()).allSatisfy(l -> assertThat((String) l.fields().get("PublicRemarks"))
                .startsWith((String) sim.feed().listing(l.listingKey()).get("PublicRemarks")).contains("\uFFFD"));
    }

    @Test
    void readsIso88591BodiesByTheirDeclaredCharset() {
        start(30, 100, s -> s);
        sim.faults().latin1Bodies(true);
        Map<String, MlsListing> seen = all(null);
        assertMatchesFeed(seen);
        seen.values().forEach(l -> assertThat(l.fields().get("PublicRemarks")).isEqualTo(sim.feed().listing(l.listingKey()).get("PublicRemarks")));
    }

    @Test
    void readsZonelessTimestampsInTheSystemTimeZoneOffset() {
        // the provider's configured zone is wrong on purpose: the SYSTEM metadata's TimeZoneOffset wins
        start(25, 100, s -> SimProviders.with(s, "COMPACT", null, false, ZoneOffset.UTC));
        sim.faults().zonelessTimestamps(true);
        assertMatchesFeed(all(null));
    }

    @Test
    void waitsOutRetryAfterAndSurvivesA5xxBurst() {
        start(60, 10, s -> s);
        sim.faults().rateLimit(3, 1, 1).failNext(2, 503);
        assertMatchesFeed(all(null));
        assertThat(sim.faults().suspended()).isFalse();
        assertThat(sim.faults().violations()).isZero();
        assertThat(sim.stats().countStatus(503)).isEqualTo(2);
        assertThat(client.usage().throttledResponses()).isEqualTo(sim.stats().countStatus(429));
    }

    @Test
    void aFailingSinkStopsTheStreamWithItsCause() {
        start(30, 10, s -> s);
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> client.listingsModifiedSince(null, l -> {
            seen.add(l.listingKey());
            if (seen.size() == 3) {
                throw new java.io.IOException("database down");
            }
        })).isInstanceOf(com.keystone.crm.property.client.ListingSinkException.class).hasRootCauseMessage("database down");
        assertThat(seen).hasSize(3);
        assertThat(sim.stats().count("rets/search")).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        sim = MlsSimulator.start(SimProviders.options(3).build());
        ProviderSettings good = SimProviders.rets(sim, 10, 0);
        ProviderSettings bad = new ProviderSettings(good.providerId(), "rets", good.url(), null, good.username(), "nope", good.userAgent(),
                null, good.retsVersion(), false, "Property", "RES", "COMPACT", Map.of(), good.serverZone(), 10, 0, 0, good.requestTimeout());
        client = new RetsClient(bad, SimProviders.fastPolicy(bad), Waiter.SYSTEM);
        List<String> keys = new ArrayList<>();
        assertThatThrownBy(() -> client.listingKeys(keys::add)).isInstanceOfSatisfying(MlsException.class,
                e -> assertThat(e.kind()).isEqualTo(MlsException.Kind.AUTHENTICATION));
        assertThat(keys).isEmpty();
    }
}

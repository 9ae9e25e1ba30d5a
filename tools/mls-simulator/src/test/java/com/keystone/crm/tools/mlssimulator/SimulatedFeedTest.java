package com.keystone.crm.tools.mlssimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedFeedTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static SimulatedFeed feed(long seed) {
        return new SimulatedFeed(SimulatorOptions.builder().listings(100).photosPerListing(3).seed(seed).build(),
                "http://sim");
    }

    @Test
    void theSameSeedAndCallsGiveTheSameFeed() {
        SimulatedFeed a = feed(9);
        SimulatedFeed b = feed(9);
        assertThat(a.changePrices(5)).isEqualTo(b.changePrices(5));
        assertThat(a.remove(3)).isEqualTo(b.remove(3));
        assertThat(a.snapshot()).isEqualTo(b.snapshot());
        assertThat(a.clock()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void everyMutationAdvancesTheClockAndStampsWhatItTouched() {
        SimulatedFeed feed = feed(1);
        assertThat(feed.clock()).isEqualTo(START);
        List<String> keys = feed.changePrices(4);
        assertThat(keys).hasSize(4).doesNotHaveDuplicates();
        Instant t1 = START.plusSeconds(1);
        for (String key : keys) {
            Map<String, Object> l = feed.listing(key);
            assertThat(l.get("ModificationTimestamp")).isEqualTo(t1);
            assertThat(l.get("ListPrice")).isInstanceOf(BigDecimal.class);
        }
        assertThat(feed.touchWithoutChange(2)).hasSize(2);
        assertThat(feed.clock()).isEqualTo(START.plusSeconds(2));
        assertThat(feed.advanceClock(Duration.ofMinutes(1))).isEqualTo(START.plusSeconds(62));
        assertThatThrownBy(() -> feed.advanceClock(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pricesChangeButOtherFieldsStay() {
        SimulatedFeed feed = feed(2);
        String key = feed.changePrices(1).get(0);
        SimulatedFeed before = feed(2);
        Map<String, Object> old = before.listing(key);
        Map<String, Object> now = feed.listing(key);
        assertThat(now.get("ListPrice")).isNotEqualTo(old.get("ListPrice"));
        assertThat(now.get("City")).isEqualTo(old.get("City"));
        assertThat(now.get("StandardStatus")).isEqualTo(old.get("StandardStatus"));
    }

    @Test
    void statusesMoveForwardAndWithdrawnListingsStay() {
        SimulatedFeed feed = feed(3);
        SimulatedFeed before = feed(3);
        for (String key : feed.changeStatuses(10)) {
            String from = (String) before.listing(key).get("StandardStatus");
            String to = (String) feed.listing(key).get("StandardStatus");
            assertThat(List.of(from + ">" + to)).containsAnyOf("Active>ActiveUnderContract", "Active>Pending",
                    "ActiveUnderContract>Pending", "Pending>Closed");
        }
        List<String> withdrawn = feed.withdraw(3);
        assertThat(withdrawn).allSatisfy(k -> assertThat(feed.listing(k)).containsEntry("StandardStatus", "Withdrawn"));
        assertThat(feed.size()).isEqualTo(100);
    }

    @Test
    void removedListingsAreSilentlyGone() {
        SimulatedFeed feed = feed(4);
        List<String> removed = feed.remove(5);
        assertThat(feed.size()).isEqualTo(95);
        assertThat(feed.keys()).doesNotContainAnyElementsOf(removed);
        assertThat(feed.removedKeys()).containsExactlyElementsOf(removed);
        assertThat(feed.listing(removed.get(0))).isNull();
        assertThat(feed.media(removed.get(0))).isEmpty();
    }

    @Test
    void addedListingsGetNewKeysAndTheClockTime() {
        SimulatedFeed feed = feed(5);
        List<String> added = feed.addListings(3);
        assertThat(added).containsExactly("KS1000101", "KS1000102", "KS1000103");
        assertThat(feed.listing("KS1000102")).containsEntry("StandardStatus", "Active")
                .containsEntry("ModificationTimestamp", START.plusSeconds(1));
        assertThat(feed.size()).isEqualTo(103);
    }

    @Test
    void changedPhotosHaveNewBytesAndTimestamps() {
        SimulatedFeed feed = feed(6);
        String key = feed.keys().iterator().next();
        byte[][] before = feed.media(key).stream().map(m -> feed.photo(m.mediaKey()).orElseThrow())
                .toArray(byte[][]::new);
        feed.advanceClock(Duration.ofHours(1));
        List<String> changed;
        do {
            changed = feed.changePhotos(100);
        } while (!changed.contains(key));
        Instant now = feed.clock();
        assertThat(feed.listing(key)).containsEntry("PhotosChangeTimestamp", now)
                .containsEntry("ModificationTimestamp", now).containsEntry("PhotosCount", 3);
        assertThat(feed.media(key)).allSatisfy(m -> assertThat(m.modificationTimestamp()).isEqualTo(now));
        int differing = 0;
        for (int i = 0; i < 3; i++) {
            if (!java.util.Arrays.equals(before[i], feed.photo(key + "-" + (i + 1)).orElseThrow())) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThanOrEqualTo(2); // a placeholder may stay a placeholder
    }

    @Test
    void photosOfUnknownKeysAreAbsent() {
        SimulatedFeed feed = feed(7);
        assertThat(feed.photo("nope")).isEmpty();
        assertThat(feed.photo("KS1000001-x")).isEmpty();
        assertThat(feed.photo("KS1000001-4")).isEmpty();
        assertThat(feed.photo("KS1000001-3")).isPresent();
        assertThat(feed.mediaUrl("KS1000001-3")).isEqualTo("http://sim/media/KS1000001-3.jpg");
    }

    @Test
    void aSnapshotHasEveryContractField() {
        Map<String, Object> l = feed(8).listing("KS1000001");
        assertThat(l).containsKeys("ListingKey", "ListingId", "ListPrice", "OriginalListPrice", "StandardStatus",
                "PropertyType", "PropertySubType", "BedroomsTotal", "BathroomsTotalInteger", "LivingArea",
                "LotSizeAcres", "YearBuilt", "UnparsedAddress", "StreetNumber", "StreetName", "City",
                "StateOrProvince", "PostalCode", "Latitude", "Longitude", "PublicRemarks", "ListAgentKey",
                "ListOfficeKey", "Appliances", "ModificationTimestamp", "PhotosChangeTimestamp", "PhotosCount",
                "OriginatingSystemName", "ListingContractDate");
    }
}

package com.keystone.crm.tools.mlssimulator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingGeneratorTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aListingDependsOnlyOnSeedAndIndex() {
        ListingGenerator a = new ListingGenerator(7L, START, 5);
        ListingGenerator b = new ListingGenerator(7L, START, 5);
        assertThat(b.initial(123)).isEqualTo(a.initial(123));
        assertThat(new ListingGenerator(8L, START, 5).initial(123)).isNotEqualTo(a.initial(123));
    }

    @Test
    void initialListingsAreModifiedBeforeTheClockStartAndSomeShareATimestamp() {
        ListingGenerator g = new ListingGenerator(42L, START, 3);
        List<Listing> listings = IntStream.rangeClosed(1, 2_000).mapToObj(g::initial).toList();
        assertThat(listings).allSatisfy(l -> {
            assertThat(l.modificationTimestamp()).isBefore(START).isAfter(START.minus(ListingGenerator.HISTORY));
            assertThat(l.photosChangeTimestamp()).isBeforeOrEqualTo(l.modificationTimestamp());
            assertThat(l.listingKey()).matches("KS1\\d{6}");
            assertThat(Lookup.STATUS.byStandard(l.standardStatus())).isPresent();
        });
        long distinct = listings.stream().map(Listing::modificationTimestamp).distinct().count();
        assertThat(distinct).isLessThan(listings.size());
        assertThat(listings).anyMatch(l -> l.retsClass().equals("LND") && l.bedroomsTotal() == null);
        assertThat(listings).anyMatch(l -> l.city().equals("Cañon City"));
        assertThat(listings.stream().map(Listing::standardStatus).distinct()).hasSize(7);
    }

    @Test
    void anAddedListingIsActiveAndModifiedAtTheGivenInstant() {
        Instant at = START.plusSeconds(90);
        Listing l = new ListingGenerator(42L, START, 3).added(501, at);
        assertThat(l.standardStatus()).isEqualTo("Active");
        assertThat(l.modificationTimestamp()).isEqualTo(at);
        assertThat(l.listingKey()).isEqualTo("KS1000501");
    }
}

package com.keystone.crm.tools.mlssimulator.reso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.ListingGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ODataFilterTest {

    private static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);
    private static final List<Listing> ROWS = IntStream.rangeClosed(1, 300)
            .mapToObj(new ListingGenerator(42L, Instant.parse("2026-01-01T00:00:00Z"), 3)::initial).toList();

    private static List<Listing> filter(String text) {
        Predicate<Listing> p = ODataFilter.compile(text, EntitySchema.PROPERTY, ZONE);
        return ROWS.stream().filter(p).toList();
    }

    @Test
    void comparesTimestampsAsInstants() {
        Instant at = Instant.parse("2025-12-01T00:00:00Z");
        assertThat(filter("ModificationTimestamp ge 2025-12-01T00:00:00Z"))
                .isNotEmpty().allMatch(l -> !l.modificationTimestamp().isBefore(at))
                .hasSize((int) ROWS.stream().filter(l -> !l.modificationTimestamp().isBefore(at)).count());
        assertThat(filter("ModificationTimestamp ge 2025-11-30T19:00:00-05:00"))
                .isEqualTo(filter("ModificationTimestamp ge 2025-12-01T00:00:00Z"));
        // no offset: the server's zone (-05:00)
        assertThat(filter("ModificationTimestamp ge 2025-11-30T19:00:00"))
                .isEqualTo(filter("ModificationTimestamp ge 2025-12-01T00:00:00Z"));
        assertThat(filter("ModificationTimestamp gt 2025-12-01T00:00:00.000Z"))
                .allMatch(l -> l.modificationTimestamp().isAfter(at));
    }

    @Test
    void combinesWithAndOrNotAndParentheses() {
        List<Listing> r = filter("(City eq 'Madison' or City eq 'Española') and not (ListPrice lt 300000)");
        assertThat(r).isNotEmpty().allSatisfy(l -> {
            assertThat(l.city()).isIn("Madison", "Española");
            assertThat(l.listPrice().intValue()).isGreaterThanOrEqualTo(300_000);
        });
        assertThat(filter("City eq 'Madison' and City ne 'Madison'")).isEmpty();
        assertThat(filter("not City eq 'Madison'")).noneMatch(l -> l.city().equals("Madison"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(filter("City eq 'Madison' or City eq 'Lakewood' and BedroomsTotal eq 99"))
                .allMatch(l -> l.city().equals("Madison")).isNotEmpty();
    }

    @Test
    void readsEnumerationsQuotedOrQualified() {
        assertThat(filter("StandardStatus eq 'Pending'")).isNotEmpty().allMatch(l -> l.standardStatus().equals("Pending"))
                .isEqualTo(filter("StandardStatus eq org.reso.metadata.enums.StandardStatus'Pending'"));
        assertThat(filter("StandardStatus in ('Active', 'Pending')"))
                .allMatch(l -> List.of("Active", "Pending").contains(l.standardStatus()));
        assertThat(filter("Appliances has org.reso.metadata.enums.Appliances'Dishwasher'"))
                .isNotEmpty().allMatch(l -> l.appliances().contains("Dishwasher"));
        assertThatThrownBy(() -> filter("StandardStatus eq org.reso.metadata.enums.StandardStatus'Sold'"))
                .isInstanceOf(ODataException.class).hasMessageContaining("not a member");
        assertThatThrownBy(() -> filter("StandardStatus gt 'Active'")).isInstanceOf(ODataException.class);
    }

    @Test
    void handlesNumbersNullsAndLiteralsOnTheLeft() {
        assertThat(filter("BedroomsTotal ge 4")).isNotEmpty().allMatch(l -> l.bedroomsTotal() >= 4);
        assertThat(filter("4 le BedroomsTotal")).isEqualTo(filter("BedroomsTotal ge 4"));
        assertThat(filter("BedroomsTotal eq null")).isNotEmpty().allMatch(l -> l.bedroomsTotal() == null);
        assertThat(filter("BedroomsTotal ne null")).allMatch(l -> l.bedroomsTotal() != null);
        assertThat(filter("ListPrice gt 500000.50")).allMatch(l -> l.listPrice().doubleValue() > 500000.5);
        assertThat(filter("ListingKey eq 'KS1000007'")).extracting(Listing::listingKey).containsExactly("KS1000007");
        assertThat(filter("ListingContractDate ge 2025-12-01")).isNotEmpty();
    }

    @Test
    void stringFunctionsAndQuotes() {
        assertThat(filter("startswith(City,'Cañon')")).isNotEmpty().allMatch(l -> l.city().equals("Cañon City"));
        assertThat(filter("contains(PublicRemarks,'&')")).isNotEmpty();
        assertThat(filter("endswith(ListingKey,'07')")).extracting(Listing::listingKey).contains("KS1000007");
        assertThat(filter("StreetName eq 'O''Brien Rd'")).isEmpty();
    }

    @Test
    void rejectsWhatItCannotRead() {
        for (String bad : List.of("Nope eq 1", "ListPrice eq 'cheap'", "City eq 5", "City eq 'x", "ListPrice gt",
                "(City eq 'x'", "City eq 'x')", "City like 'x'", "ModificationTimestamp gt 'yesterday'",
                "ListPrice gt 12abc", "City eq 'x' # 1", "BedroomsTotal gt null", "contains(ListPrice,'1')",
                "StandardStatus has 'Active'")) {
            assertThatThrownBy(() -> filter(bad)).as(bad).isInstanceOf(ODataException.class)
                    .extracting(e -> ((ODataException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void anEmptyFilterKeepsEverything() {
        assertThat(filter(null)).hasSize(ROWS.size());
        assertThat(filter("  ")).hasSize(ROWS.size());
    }
}

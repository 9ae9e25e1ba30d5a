package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.tools.mlssimulator.feed.Listing;
import com.keystone.crm.tools.mlssimulator.feed.ListingGenerator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DmqlTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);
    private static final List<Listing> ROWS = IntStream.rangeClosed(1, 400)
            .mapToObj(new ListingGenerator(42L, START, 3)::initial).toList();

    private static List<Listing> q(String query) {
        Predicate<Listing> p = Dmql.compile(query, false, ZONE, START);
        return ROWS.stream().filter(p).toList();
    }

    private static List<Listing> where(Predicate<Listing> p) {
        return ROWS.stream().filter(p).toList();
    }

    @Test
    void timestampRangesWithAndWithoutOffsets() {
        Instant at = Instant.parse("2025-12-10T05:00:00Z");
        assertThat(q("(LIST_87=2025-12-10T05:00:00Z+)")).isNotEmpty()
                .isEqualTo(where(l -> !l.modificationTimestamp().isBefore(at)));
        // zoneless: the server's zone (-05:00), so 00:00 local is 05:00Z
        assertThat(q("(LIST_87=2025-12-10T00:00:00+)")).isEqualTo(q("(LIST_87=2025-12-10T05:00:00Z+)"));
        assertThat(q("(LIST_87=2025-12-10T00:00:00-05:00+)")).isEqualTo(q("(LIST_87=2025-12-10T05:00:00Z+)"));
        assertThat(q("(LIST_87=2025-12-10T05:00:00Z-)")).isEqualTo(where(l -> !l.modificationTimestamp().isAfter(at)));
        Instant to = Instant.parse("2025-12-20T05:00:00Z");
        assertThat(q("(LIST_87=2025-12-10T00:00:00-2025-12-20T00:00:00)")).isNotEmpty().isEqualTo(where(l ->
                !l.modificationTimestamp().isBefore(at) && !l.modificationTimestamp().isAfter(to)));
        assertThat(q("(LIST_87=NOW-)")).hasSize(ROWS.size());
        // the feed clock is 2025-12-31T19:00 in the server's zone: TODAY starts at 05:00Z
        Instant today = Instant.parse("2025-12-31T05:00:00Z");
        assertThat(q("(LIST_87=TODAY+)")).isNotEmpty().isEqualTo(where(l -> !l.modificationTimestamp().isBefore(today)));
    }

    @Test
    void dateFields() {
        LocalDate d = LocalDate.parse("2025-11-15");
        assertThat(q("(LIST_10=2025-11-15+)")).isNotEmpty().isEqualTo(where(l -> !l.listingContractDate().isBefore(d)));
        assertThat(q("(LIST_10=2025-11-15)")).isEqualTo(where(l -> l.listingContractDate().equals(d)));
    }

    @Test
    void numberRangesAndLists() {
        assertThat(q("(LIST_22=300000-400000)")).isNotEmpty().allMatch(l ->
                l.listPrice().compareTo(BigDecimal.valueOf(300_000)) >= 0
                        && l.listPrice().compareTo(BigDecimal.valueOf(400_000)) <= 0);
        assertThat(q("(LIST_66=5+)")).isNotEmpty().allMatch(l -> l.bedroomsTotal() >= 5);
        assertThat(q("(LIST_66=1-)")).isNotEmpty().allMatch(l -> l.bedroomsTotal() <= 1);
        assertThat(q("(LIST_66=1,6)")).isNotEmpty().allMatch(l -> l.bedroomsTotal() == 1 || l.bedroomsTotal() == 6);
        assertThat(q("(LIST_47=-90--89)")).isNotEmpty().allMatch(l -> l.city().equals("Springfield")
                || l.city().equals("Madison"));
    }

    @Test
    void lookupsOrAndNotAnyEmpty() {
        assertThat(q("(LIST_15=|A,P)")).isNotEmpty().allMatch(l -> List.of("Active", "Pending").contains(l.standardStatus()))
                .isEqualTo(where(l -> List.of("Active", "Pending").contains(l.standardStatus())));
        assertThat(q("(LIST_15=A)")).isEqualTo(q("(LIST_15=|A)"));
        assertThat(q("(LIST_15=~A)")).isEqualTo(where(l -> !l.standardStatus().equals("Active")));
        assertThat(q("(LIST_94=+DW,REF)")).isNotEmpty().allMatch(l -> l.appliances().containsAll(List.of("Dishwasher",
                "Refrigerator")));
        assertThat(q("(LIST_94=~DW)")).allMatch(l -> !l.appliances().contains("Dishwasher"));
        assertThat(q("(LIST_94=.EMPTY.)")).isNotEmpty().allMatch(l -> l.appliances().isEmpty());
        assertThat(q("(LIST_66=.ANY.)")).isEqualTo(where(l -> l.bedroomsTotal() != null));
        assertThatThrownBy(() -> q("(LIST_15=|Active)")).isInstanceOf(RetsException.class)
                .extracting(e -> ((RetsException) e).replyCode()).isEqualTo(20206);
    }

    @Test
    void stringsWildcardsLiteralsAndKeyLists() {
        assertThat(q("(LIST_39=Cañon*)")).isNotEmpty().allMatch(l -> l.city().equals("Cañon City"));
        assertThat(q("(LIST_39=*VIEW)")).isNotEmpty().allMatch(l -> l.city().equals("Fairview")
                || l.city().equals("Lakeview"));
        assertThat(q("(LIST_39=madison)")).isNotEmpty().allMatch(l -> l.city().equals("Madison"));
        assertThat(q("(LIST_39=\"Madison\")")).hasSameSizeAs(q("(LIST_39=madison)"));
        assertThat(q("(LIST_39=\"madison\")")).isEmpty();
        assertThat(q("(LIST_1=KS1000003,KS1000005)")).extracting(Listing::listingKey)
                .containsExactly("KS1000003", "KS1000005");
        assertThat(q("(LIST_1=KS1000010-KS1000019)")).hasSize(10);
        assertThat(q("(LIST_1=KS100001?)")).hasSize(10);
        assertThat(q("(LIST_78=*&*)")).isNotEmpty();
    }

    @Test
    void booleanOperatorsBothSpellings() {
        List<Listing> sym = q("((LIST_15=|A),(LIST_66=4+))|(LIST_39=Madison)");
        List<Listing> words = q("((LIST_15=|A) AND (LIST_66=4+)) OR (LIST_39=Madison)");
        assertThat(sym).isNotEmpty().isEqualTo(words).isEqualTo(where(l ->
                (l.standardStatus().equals("Active") && l.bedroomsTotal() != null && l.bedroomsTotal() >= 4)
                        || l.city().equals("Madison")));
        assertThat(q("~(LIST_39=Madison)")).isEqualTo(q("NOT (LIST_39=Madison)"))
                .noneMatch(l -> l.city().equals("Madison"));
        assertThat(q("(LIST_39=Madison),~(LIST_15=|A)")).allMatch(l -> l.city().equals("Madison")
                && !l.standardStatus().equals("Active"));
    }

    @Test
    void standardNames() {
        assertThat(ROWS.stream().filter(Dmql.compile("(City=Madison),(StandardStatus=|A)", true, ZONE, START)))
                .isNotEmpty().allMatch(l -> l.city().equals("Madison") && l.standardStatus().equals("Active"));
        assertThatThrownBy(() -> Dmql.compile("(LIST_39=Madison)", true, ZONE, START))
                .extracting(e -> ((RetsException) e).replyCode()).isEqualTo(20200);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> q("(NOPE=1)")).extracting(e -> ((RetsException) e).replyCode()).isEqualTo(20200);
        for (String bad : List.of("", "LIST_1=KS1", "(LIST_1=KS1", "(LIST_22=cheap)", "(LIST_87=yesterday+)",
                "(LIST_1=)", "(LIST_1=KS1)(LIST_1=KS2)", "((LIST_1=KS1)", "(LIST_1=a,,b)", "(LIST_10=2025-13-45)")) {
            assertThatThrownBy(() -> q(bad)).as(bad).isInstanceOf(RetsException.class)
                    .extracting(e -> ((RetsException) e).replyCode()).isEqualTo(20206);
        }
    }
}

package com.keystone.crm.property.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keystone.crm.property.client.MlsListing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListingNormaliserTest {
    static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

    static MlsListing listing(Instant modified, Map<String, Object> fields) {
        return new MlsListing("L1", modified, T, fields, null);
    }

    @Test
    void sameDataHashesTheSameWhateverTheOrderFormattingOrTimestamp() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("ListPrice", new BigDecimal("450000.00"));
        a.put("City", "Denver");
        a.put("BedroomsTotal", 3L);
        a.put("PublicRemarks", "");
        a.put("StandardStatus", "ActiveUnderContract");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("StandardStatus", "Active Under Contract");
        b.put("BedroomsTotal", 3);
        b.put("City", "Denver");
        b.put("ListPrice", new BigDecimal("4.5E+5"));
        b.put("PublicRemarks", null);
        NormalisedListing x = ListingNormaliser.normalise(listing(T, a));
        NormalisedListing y = ListingNormaliser.normalise(listing(T.plusSeconds(60), b));
        assertThat(x.contentHash()).isEqualTo(y.contentHash());
        assertThat(x.json()).isNotEqualTo(y.json()); // the ModificationTimestamp differs, and is kept
        assertThat(x.text("StandardStatus")).isEqualTo("Active Under Contract");
        assertThat(x.fields().has("PublicRemarks")).isFalse();
        assertThat(x.json()).contains("\"ListPrice\":450000");
    }

    @Test
    void valuesOfEveryClientTypeBecomeJson() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Appliances", List.of("Range", "Dishwasher"));
        f.put("ListingContractDate", LocalDate.of(2026, 4, 30));
        f.put("NewConstructionYN", Boolean.TRUE);
        f.put("LotSizeAcres", 0.25d);
        f.put("OnMarketTimestamp", T);
        f.put("Other", new StringBuilder("x"));
        NormalisedListing n = ListingNormaliser.normalise(listing(T, f));
        assertThat(n.json()).contains("\"Appliances\":[\"Range\",\"Dishwasher\"]", "\"ListingContractDate\":\"2026-04-30\"",
                "\"NewConstructionYN\":true", "\"LotSizeAcres\":0.25", "\"OnMarketTimestamp\":\"2026-05-01T12:00:00Z\"",
                "\"Other\":\"x\"", "\"ListingKey\":\"L1\"", "\"PhotosChangeTimestamp\":\"2026-05-01T12:00:00Z\"");
        assertThat(n.decimal("LotSizeAcres")).isEqualByComparingTo("0.25");
        assertThat(n.integer("Missing")).isNull();
    }

    @Test
    void changedFieldsComparesNumbersByValueAndIgnoresTheTimestamp() {
        ObjectNode before = ListingNormaliser.parse("{\"ListPrice\":450000.0,\"City\":\"Denver\",\"ModificationTimestamp\":\"a\","
                + "\"Gone\":\"x\"}");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ListPrice", new BigDecimal("450000"));
        f.put("City", "Boulder");
        f.put("New", "y");
        NormalisedListing after = ListingNormaliser.normalise(listing(T, f));
        assertThat(ListingNormaliser.changedFields(before, after.fields()))
                .containsExactly("City", "Gone", "ListingKey", "New", "PhotosChangeTimestamp");
    }
}

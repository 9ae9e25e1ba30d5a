package com.keystone.crm.property.client.reso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.property.client.ListingSinkException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.Timestamps;
import com.keystone.crm.property.client.reso.EdmTypes.ValueType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OData page streaming, EDMX typing and value normalisation on fixtures written from OData v4 / RESO. */
class ResoPiecesTest {

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRecordsOneByOneAndFindsNextLinkAfterOrBeforeTheValues() throws Exception {
        List<Object> keys = new ArrayList<>();
        ODataPage page = ODataPage.read(bytes("""
                {"@odata.context":"x","@odata.count":3,"value":[{"ListingKey":"A","ListPrice":1.50,"Beds":3,"Media":[{"Order":1}]},
                {"ListingKey":"B","Extra":{"nested":[1,2]}}],"@odata.nextLink":"http://h/Property?$skip=2"}"""), r -> keys.add(r.get("ListingKey")));
        assertThat(keys).containsExactly("A", "B");
        assertThat(page.records()).isEqualTo(2);
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.nextLink()).isEqualTo("http://h/Property?$skip=2");

        ODataPage first = ODataPage.read(bytes("{\"@odata.nextLink\":\"n\",\"value\":[]}"), r -> { });
        assertThat(first.nextLink()).isEqualTo("n");
        assertThat(ODataPage.read(bytes("{\"value\":[]}"), r -> { }).nextLink()).isNull();
    }

    @Test
    void numbersComeAsLongAndBigDecimal() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        ODataPage.read(bytes("{\"value\":[{\"a\":3,\"b\":1.10}]}"), records::add);
        assertThat(records.get(0)).containsEntry("a", 3L).containsEntry("b", new BigDecimal("1.10"));
    }

    @Test
    void aSinkFailureStopsTheStreamWithItsCause() {
        assertThatThrownBy(() -> ODataPage.read(bytes("{\"value\":[{\"a\":1},{\"a\":2}]}"), r -> {
            throw new java.io.IOException("disk full");
        })).isInstanceOf(ListingSinkException.class).hasRootCauseMessage("disk full");
        assertThatThrownBy(() -> ODataPage.read(bytes("[1,2]"), r -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    private static final String EDMX = """
            <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="org.reso.metadata">
            <EntityType Name="Property"><Key><PropertyRef Name="ListingKey"/></Key>
            <Property Name="ListingKey" Type="Edm.String"/>
            <Property Name="ListPrice" Type="Edm.Decimal"/>
            <Property Name="BedroomsTotal" Type="Edm.Int32"/>
            <Property Name="ModificationTimestamp" Type="Edm.DateTimeOffset"/>
            <Property Name="ListingContractDate" Type="Edm.Date"/>
            <Property Name="NewConstructionYN" Type="Edm.Boolean"/>
            <Property Name="Appliances" Type="org.reso.metadata.enums.Appliances"/>
            <Property Name="Rooms" Type="Collection(Edm.String)"/>
            <Property Name="StandardStatus" Type="org.reso.metadata.enums.StandardStatus"/>
            </EntityType>
            <EntityType Name="Media"><Property Name="Order" Type="Edm.Int32"/></EntityType>
            </Schema>
            <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="org.reso.metadata.enums">
            <EnumType Name="Appliances" IsFlags="true"><Member Name="Dishwasher" Value="1"/></EnumType>
            <EnumType Name="StandardStatus"><Member Name="Active" Value="0"/></EnumType>
            </Schema></edmx:DataServices></edmx:Edmx>
            """;

    @Test
    void edmxTypesTheEntityAndKnowsFlagsEnumerations() throws Exception {
        EdmTypes types = EdmTypes.parse(bytes(EDMX), "Property");
        assertThat(types.known()).isTrue();
        assertThat(types.type("ListPrice")).isEqualTo(ValueType.DECIMAL);
        assertThat(types.type("BedroomsTotal")).isEqualTo(ValueType.INTEGER);
        assertThat(types.type("ModificationTimestamp")).isEqualTo(ValueType.TIMESTAMP);
        assertThat(types.type("ListingContractDate")).isEqualTo(ValueType.DATE);
        assertThat(types.type("NewConstructionYN")).isEqualTo(ValueType.BOOLEAN);
        assertThat(types.type("Appliances")).isEqualTo(ValueType.MULTI);
        assertThat(types.type("Rooms")).isEqualTo(ValueType.MULTI);
        assertThat(types.type("StandardStatus")).isEqualTo(ValueType.STRING);
        assertThat(types.type("Order")).isNull(); // Media's, not Property's
        assertThat(EdmTypes.valueType(null, Set.of())).isEqualTo(ValueType.STRING);
        assertThat(EdmTypes.none().known()).isFalse();
    }

    @Test
    void valuesAreTypedBySchemaOrGuessedWithoutOne() throws Exception {
        ResoValues typed = new ResoValues(EdmTypes.parse(bytes(EDMX), "Property"), ZoneOffset.ofHours(-5));
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("@odata.id", "x");
        record.put("ListingKey", "K1");
        record.put("ListPrice", 250000L);
        record.put("BedroomsTotal", "3");
        record.put("ModificationTimestamp", "2026-01-02T03:04:05");
        record.put("PhotosChangeTimestamp", "2026-01-02T03:04:05.123Z");
        record.put("ListingContractDate", "2025-12-24");
        record.put("NewConstructionYN", "true");
        record.put("Appliances", "Dishwasher,Dryer");
        record.put("Rooms", List.of("Kitchen"));
        record.put("PublicRemarks", "");
        record.put("Media", List.of(Map.of("MediaKey", "K1-2", "ResourceRecordKey", "K1", "Order", 2L, "MediaURL", "u2"),
                Map.of("MediaKey", "K1-1", "ResourceRecordKey", "K1", "Order", "1", "MediaURL", "u1", "MediaModificationTimestamp", "2026-01-01T00:00:00Z")));
        MlsListing l = typed.listing(record);
        assertThat(l.listingKey()).isEqualTo("K1");
        assertThat(l.modificationTimestamp()).isEqualTo(Instant.parse("2026-01-02T08:04:05Z"));
        assertThat(l.photosChangeTimestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123Z"));
        assertThat(l.fields()).containsEntry("ListPrice", new BigDecimal(250000)).containsEntry("BedroomsTotal", 3L)
                .containsEntry("ListingContractDate", LocalDate.of(2025, 12, 24)).containsEntry("NewConstructionYN", true)
                .containsEntry("Appliances", List.of("Dishwasher", "Dryer")).containsEntry("Rooms", List.of("Kitchen"))
                .doesNotContainKeys("@odata.id", "PublicRemarks", "Media");
        assertThat(l.media()).extracting(m -> m.mediaKey()).containsExactly("K1-1", "K1-2");
        assertThat(l.media().get(0).modificationTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

        ResoValues guessed = new ResoValues(EdmTypes.none(), ZoneOffset.UTC);
        assertThat(guessed.value("X", 3L)).isEqualTo(3L);
        assertThat(guessed.value("X", new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.5"));
        assertThat(guessed.value("X", true)).isEqualTo(true);
        assertThat(guessed.value("X", List.of("a", "b"))).isEqualTo(List.of("a", "b"));
        assertThat(guessed.value("OnMarketTimestamp", "2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(guessed.value("City", "Austin")).isEqualTo("Austin");
        assertThat(guessed.value("City", null)).isNull();
    }

    @Test
    void timestampsWithAndWithoutZones() {
        assertThat(Timestamps.parse("2026-01-02T03:04:05+02:00", ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-01-02T01:04:05Z"));
        assertThat(Timestamps.parse("2026-01-02 03:04:05.5", ZoneOffset.ofHours(1))).isEqualTo(Instant.parse("2026-01-02T02:04:05.5Z"));
        assertThat(Timestamps.parse("2026-01-02", ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(Timestamps.parse(" ", ZoneOffset.UTC)).isNull();
        assertThat(Timestamps.date("2026-01-02T03:04:05Z")).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(Timestamps.date(null)).isNull();
    }
}

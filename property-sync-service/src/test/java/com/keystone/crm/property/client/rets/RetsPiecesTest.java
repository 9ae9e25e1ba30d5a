package com.keystone.crm.property.client.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Login parsing, UA digest, DMQL2, metadata and row decoding, on fixtures written from the spec. */
class RetsPiecesTest {

    private static final String METADATA = """
            <RETS ReplyCode="0" ReplyText="ok">
            <METADATA-SYSTEM Version="1.00.000" Date="2025-12-01T00:00:00Z">
            <SYSTEM SystemID="MLS1" SystemDescription="d" TimeZoneOffset="-0500"/>
            </METADATA-SYSTEM>
            <METADATA-RESOURCE Version="1" Date="d"><COLUMNS>\tResourceID\tStandardName\tKeyField\t</COLUMNS>
            <DATA>\tProperty\tProperty\tL_KEY\t</DATA></METADATA-RESOURCE>
            <METADATA-CLASS Resource="Property" Version="1" Date="d"><COLUMNS>\tClassName\tStandardName\t</COLUMNS>
            <DATA>\tRE_1\tResidentialProperty\t</DATA></METADATA-CLASS>
            <METADATA-TABLE Resource="Property" Class="RE_1" Version="1" Date="d">
            <COLUMNS>\tSystemName\tStandardName\tDataType\tInterpretation\tLookupName\t</COLUMNS>
            <DATA>\tL_KEY\t\tCharacter\t\t\t</DATA>
            <DATA>\tL_PRICE\tListPrice\tDecimal\tCurrency\t\t</DATA>
            <DATA>\tL_BEDS\tBedroomsTotal\tInt\tNumber\t\t</DATA>
            <DATA>\tL_STATUS\tStandardStatus\tCharacter\tLookup\tSTATUS\t</DATA>
            <DATA>\tL_APPL\tAppliances\tCharacter\tLookupMulti\tAPPL\t</DATA>
            <DATA>\tL_MOD\tModificationTimestamp\tDateTime\t\t\t</DATA>
            <DATA>\tL_DATE\tListingContractDate\tDate\t\t\t</DATA>
            <DATA>\tL_WF\tWaterfrontYN\tBoolean\t\t\t</DATA>
            </METADATA-TABLE>
            <METADATA-LOOKUP_TYPE Resource="Property" Lookup="STATUS" Version="1" Date="d">
            <COLUMNS>\tLongValue\tShortValue\tValue\t</COLUMNS>
            <DATA>\tActive\tAct\tA\t</DATA><DATA>\tActiveUnderContract\tAUC\tU\t</DATA>
            </METADATA-LOOKUP_TYPE>
            <METADATA-LOOKUP_TYPE Resource="Property" Lookup="APPL" Version="1" Date="d">
            <COLUMNS>\tLongValue\tShortValue\tValue\t</COLUMNS>
            <DATA>\tDishwasher\tDW\tDW\t</DATA><DATA>\tDryer\tDry\tDRY\t</DATA>
            </METADATA-LOOKUP_TYPE>
            </RETS>
            """;

    private static RetsMetadata metadata() throws Exception {
        RetsMetadata md = new RetsMetadata();
        MetadataHandler handler = new MetadataHandler(md);
        CompactParser.parse(new ByteArrayInputStream(METADATA.getBytes(StandardCharsets.UTF_8)), null, handler);
        assertThat(handler.replyCode()).isZero();
        assertThat(handler.replyText()).isEqualTo("ok");
        return md;
    }

    @Test
    void metadataIsReadByColumnName() throws Exception {
        RetsMetadata md = metadata();
        assertThat(md.systemId()).isEqualTo("MLS1");
        assertThat(md.metadataTimestamp()).isEqualTo("2025-12-01T00:00:00Z");
        assertThat(md.timeZoneOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(md.zone(ZoneOffset.UTC)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(md.keyField("Property")).isEqualTo("L_KEY");
        assertThat(md.classes("Property")).containsExactly("RE_1");
        assertThat(md.table("Property", "RE_1")).containsKeys("L_KEY", "L_PRICE", "L_STATUS");
        assertThat(md.lookup("Property", "STATUS")).containsEntry("U", "ActiveUnderContract");
        assertThat(md.lookup("Property", "NONE")).isEmpty();
    }

    @Test
    void rowsAreNamedTypedAndDecoded() throws Exception {
        RetsMetadata md = metadata();
        List<String> columns = List.of("L_KEY", "L_PRICE", "L_BEDS", "L_STATUS", "L_APPL", "L_MOD", "L_DATE", "L_WF", "L_OTHER");
        RetsRowDecoder decoder = new RetsRowDecoder(columns, md, "Property", "RE_1", Map.of("L_KEY", "ListingKey"), md.zone(null), false);
        assertThat(decoder.columnCount()).isEqualTo(9);
        Map<String, Object> f = decoder.decode(List.of("K1", "250000.50", "3", "U", "DW,DRY", "2026-01-02T03:04:05", "2025-12-24", "Y", "x"));
        assertThat(f).containsEntry("ListingKey", "K1")
                .containsEntry("ListPrice", new BigDecimal("250000.50"))
                .containsEntry("BedroomsTotal", 3L)
                .containsEntry("StandardStatus", "ActiveUnderContract")
                .containsEntry("Appliances", List.of("Dishwasher", "Dryer"))
                .containsEntry("ModificationTimestamp", Instant.parse("2026-01-02T08:04:05Z"))
                .containsEntry("ListingContractDate", LocalDate.of(2025, 12, 24))
                .containsEntry("WaterfrontYN", true)
                .containsEntry("L_OTHER", "x");
        assertThat(decoder.decode(List.of("K2", "", "", "", "", "2026-01-02T03:04:05Z", "", "N", ""))).containsOnlyKeys("ListingKey", "ModificationTimestamp", "WaterfrontYN");

        RetsRowDecoder decoded = new RetsRowDecoder(columns, md, "Property", "RE_1", Map.of(), ZoneOffset.UTC, true);
        Map<String, Object> g = decoded.decode(List.of("K1", "1", "1", "Active Under Contract", "Dishwasher,Dryer", "2026-01-02 03:04:05", "2025-12-24", "0", ""));
        assertThat(g).containsEntry("L_KEY", "K1").containsEntry("StandardStatus", "Active Under Contract")
                .containsEntry("Appliances", List.of("Dishwasher", "Dryer")).containsEntry("WaterfrontYN", false)
                .containsEntry("ModificationTimestamp", Instant.parse("2026-01-02T03:04:05Z"));
        assertThatThrownBy(() -> decoder.decode(List.of("K3", "not-a-number", "", "", "", "", "", "", ""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("L_PRICE");
    }

    @Test
    void loginCapabilitiesResolveAgainstTheLoginUrl() {
        RetsLogin login = RetsLogin.parse("""
                MemberName=Joe
                MetadataVersion=1.00.000
                MetadataTimestamp=2025-12-01T00:00:00Z
                MinMetadataTimestamp=2025-11-01T00:00:00Z
                Search=/rets/search
                GetMetadata=http://other.example/rets/getmetadata
                GetObject=getobject
                Logout=
                junk line
                """, URI.create("http://mls.example:6103/rets/login"));
        assertThat(login.capability("Search")).isEqualTo(URI.create("http://mls.example:6103/rets/search"));
        assertThat(login.capability("getmetadata")).isEqualTo(URI.create("http://other.example/rets/getmetadata"));
        assertThat(login.capability("GetObject")).isEqualTo(URI.create("http://mls.example:6103/rets/getobject"));
        assertThat(login.capability("Logout")).isNull();
        assertThat(login.metadataTimestamp()).isEqualTo("2025-12-01T00:00:00Z");
        assertThat(login.minMetadataTimestamp()).isEqualTo("2025-11-01T00:00:00Z");
        assertThat(login.metadataVersion()).isEqualTo("1.00.000");
    }

    @Test
    void uaAuthorizationFollowsSection310() {
        // a1 = MD5("KeystoneCRM/1.0:secret"); digest = MD5(a1 + ":" + "" + ":" + "S1" + ":" + "RETS/1.7.2")
        String a1 = UaAuthorization.md5Hex("KeystoneCRM/1.0:secret");
        String expected = "Digest " + UaAuthorization.md5Hex(a1 + "::S1:RETS/1.7.2");
        assertThat(UaAuthorization.header("KeystoneCRM/1.0", "secret", null, "S1", "RETS/1.7.2")).isEqualTo(expected);
        assertThat(UaAuthorization.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(UaAuthorization.header("UA", "p", "R", null, "RETS/1.7.2"))
                .isEqualTo("Digest " + UaAuthorization.md5Hex(UaAuthorization.md5Hex("UA:p") + ":R::RETS/1.7.2"));
    }

    @Test
    void dmqlQueriesUseTheServerZoneWithoutOffset() {
        ZoneId zone = ZoneOffset.ofHours(-5);
        assertThat(Dmql.modifiedSince("L_MOD", Instant.parse("2026-01-02T08:04:05.900Z"), zone)).isEqualTo("(L_MOD=2026-01-02T03:04:05+)");
        assertThat(Dmql.modifiedSince("L_MOD", null, ZoneOffset.UTC)).isEqualTo("(L_MOD=1900-01-01T00:00:00+)");
        assertThat(Dmql.modifiedBetween("L_MOD", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC))
                .isEqualTo("(L_MOD=2026-01-01T00:00:00-2026-01-01T00:00:10)");
        assertThat(Dmql.keyIn("L_KEY", List.of("A1", "B2"))).isEqualTo("(L_KEY=A1,B2)");
        assertThatThrownBy(() -> Dmql.keyIn("L_KEY", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeZoneOffsetsAsServersWriteThem() {
        assertThat(RetsMetadata.parseOffset("-05:00")).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(RetsMetadata.parseOffset("+0530")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(RetsMetadata.parseOffset("-500")).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(RetsMetadata.parseOffset("Z")).isEqualTo(ZoneOffset.UTC);
        assertThat(RetsMetadata.parseOffset("UTC")).isEqualTo(ZoneOffset.UTC);
        assertThat(RetsMetadata.parseOffset("garbage")).isNull();
        assertThat(new RetsMetadata().zone(null)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void fieldsAndParts() {
        assertThat(new RetsField("A", null, "Character", "LookupBitmask", "L").lookupMulti()).isTrue();
        assertThat(new RetsField("A", null, "Character", "Lookup", "L").lookup()).isTrue();
        ObjectPart part = new ObjectPart(Map.of("content-type", "text/xml", "object-id", "2", "content-id", "K1", "location", "http://x/1.jpg"));
        assertThat(part.isXml()).isTrue();
        assertThat(part.objectId()).isEqualTo("2");
        assertThat(part.contentId()).isEqualTo("K1");
        assertThat(part.location()).isEqualTo("http://x/1.jpg");
        assertThat(new ObjectPart(Map.of()).contentType()).isEqualTo("application/octet-stream");
        assertThat(new RetsReplyException(20203, "no offset").replyText()).isEqualTo("no offset");
    }
}

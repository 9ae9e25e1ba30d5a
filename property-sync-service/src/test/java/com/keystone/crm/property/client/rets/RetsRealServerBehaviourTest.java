package com.keystone.crm.property.client.rets;

import static com.keystone.crm.property.client.rets.RetsFixtureReplayTest.policy;
import static com.keystone.crm.property.client.rets.RetsFixtureReplayTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsListing;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.replay.Fixtures;
import com.keystone.crm.property.client.rets.replay.Recorded;
import com.keystone.crm.property.client.rets.replay.ReplayServer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue #11's "what went wrong" against the real client, each on a recorded or real-shaped server answer. */
class RetsRealServerBehaviourTest {

    private static final String FLEX_LOCATION = "phrets/tests/Integration/Fixtures/Http/get/retsgw.flexmls.com/rets2_1_GetObject/27e68249f6feeb17925a7af12c75e3e9.txt";

    private static RetsClient client(ReplayServer server, Map<String, String> fieldMap, String classes) {
        return new RetsClient(settings(server.loginUrl(), fieldMap, classes), policy(), Waiter.SYSTEM);
    }

    // 1
    @Test
    void locationPartsSentAsTextXmlWithReplyCode0BecomeMediaAndAnEmptyTypelessPartDoesNot() throws Exception {
        Recorded flex = Fixtures.load(FLEX_LOCATION);
        String boundary = flex.boundary();
        String body = flex.text().replace("--" + boundary + "--", "--" + boundary + "\r\n\r\n\r\n--" + boundary + "--");
        Recorded withEmptyPart = new Recorded(null, 200, flex.headers(), body.getBytes(StandardCharsets.ISO_8859_1));
        try (ReplayServer server = new ReplayServer()) {
            server.on("getobject", r -> withEmptyPart);
            try (RetsClient client = client(server, Map.of(), "RES")) {
                List<MlsMedia> media = client.media("234567865");
                assertThat(media).extracting(MlsMedia::mediaUrl).containsExactly("http://someurl");
                assertThat(media.get(0).order()).isEqualTo(1);
                // the batched form (several ids, parts told apart by Content-ID) reads the same part
                Map<String, List<MlsMedia>> several = client.media(List.of("234567865", "OTHER"));
                assertThat(several.get("234567865")).extracting(MlsMedia::mediaUrl).containsExactly("http://someurl");
                assertThat(several.get("OTHER")).isEmpty();
            }
        }
    }

    // 3 (client half): the key column missing from COLUMNS is an error naming it, not rows skipped for a wrong reason
    @Test
    void aKeyColumnMissingFromColumnsFailsWithTheRealReason() throws Exception {
        Recorded flex = Fixtures.load("phrets/tests/Integration/Fixtures/Http/get/retsgw.flexmls.com/rets2_1_Search/772dbb6548885978fd7b656175e0b817.txt");
        try (ReplayServer server = new ReplayServer()) {
            server.once("search", flex);
            try (RetsClient client = client(server, Map.of("L_LISTINGKEY", "ListingKey"), "A")) {
                List<MlsListing> got = new ArrayList<>();
                MlsException e = catchThrowableOfType(MlsException.class, () -> client.listingsModifiedSince(null, got::add));
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).contains("L_LISTINGKEY").contains("COLUMNS").contains("LIST_1");
                assertThat(got).isEmpty();
            }
        }
    }

    // 4 (client half)
    @Test
    void mappedFieldsAreTypedFromTheSourceFieldsTableMetadataOrTheMapAndAnUnreadableValueNamesTheField() throws Exception {
        String table = "<?xml version=\"1.0\"?><RETS ReplyCode=\"0\" ReplyText=\"Success\"><METADATA>"
                + "<METADATA-TABLE Resource=\"Property\" Class=\"RES\" Version=\"1\" Date=\"2026-01-01T00:00:00Z\">"
                + "<Field><SystemName>L_KEY</SystemName><DataType>Character</DataType></Field>"
                + "<Field><SystemName>L_PRICE</SystemName><DataType>Decimal</DataType></Field>"
                + "<Field><SystemName>L_BEDS</SystemName><DataType>Int</DataType></Field>"
                + "<Field><SystemName>L_MOD</SystemName><DataType>DateTime</DataType></Field>"
                + "</METADATA-TABLE></METADATA></RETS>";
        String search = "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"09\"/>"
                + "<COLUMNS>\tL_KEY\tL_PRICE\tL_BEDS\tL_MOD\tL_BATHS\t</COLUMNS>"
                + "<DATA>\tK1\t350000\t3\t2026-02-01T10:00:00\t2\t</DATA>"
                + "<DATA>\tK2\t35O,000\t4\t2026-02-01T11:00:00\t1\t</DATA></RETS>";
        try (ReplayServer server = new ReplayServer()) {
            server.on("getmetadata", r -> r.parameters().get("Type").equals("METADATA-TABLE") ? ReplayServer.xml(table)
                    : ReplayServer.xml("<RETS ReplyCode=\"20503\" ReplyText=\"No Metadata Found\"/>"));
            server.once("search", ReplayServer.xml(search));
            Map<String, String> map = Map.of("L_KEY", "ListingKey", "L_PRICE", "ListPrice", "L_BEDS", "BedroomsTotal",
                    "L_MOD", "ModificationTimestamp", "L_BATHS", "BathroomsTotalInteger:Int");
            List<MlsListing> got = new ArrayList<>();
            try (RetsClient client = client(server, map, "RES")) {
                client.listingsModifiedSince(null, got::add);
            }
            assertThat(got).extracting(MlsListing::listingKey).containsExactly("K1", "K2");
            assertThat(got.get(0).fields()).containsEntry("ListPrice", new BigDecimal("350000")).containsEntry("BedroomsTotal", 3L)
                    .containsEntry("BathroomsTotalInteger", 2L);
            assertThat(got.get(0).problems()).isEmpty();
            assertThat(got.get(1).problems()).singleElement().asString().contains("ListPrice").contains("L_PRICE").contains("35O,000");
        }
    }

    // 5
    @Test
    void aWholeTreeAnsweredToSystemStarIsReadOnceNoClassTwiceNoTableTwice() throws Exception {
        String tree = "<RETS ReplyCode=\"0\" ReplyText=\"ok\">"
                + "<METADATA-SYSTEM Version=\"1\" Date=\"2026-01-01T00:00:00Z\"><SYSTEM SystemID=\"T\" TimeZoneOffset=\"+00:00\"/></METADATA-SYSTEM>"
                + "<METADATA-RESOURCE Version=\"1\"><COLUMNS>\tResourceID\tKeyField\t</COLUMNS><DATA>\tProperty\tL_KEY\t</DATA></METADATA-RESOURCE>"
                + "<METADATA-CLASS Resource=\"Property\" Version=\"1\"><COLUMNS>\tClassName\t</COLUMNS><DATA>\tRES\t</DATA></METADATA-CLASS>"
                + "<METADATA-TABLE Resource=\"Property\" Class=\"RES\" Version=\"1\"><COLUMNS>\tSystemName\tStandardName\tDataType\t</COLUMNS>"
                + "<DATA>\tL_KEY\tListingKey\tCharacter\t</DATA><DATA>\tL_MOD\tModificationTimestamp\tDateTime\t</DATA></METADATA-TABLE>"
                + "</RETS>";
        String classes = "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><METADATA-CLASS Resource=\"Property\" Version=\"1\">"
                + "<COLUMNS>\tClassName\t</COLUMNS><DATA>\tRES\t</DATA></METADATA-CLASS></RETS>";
        try (ReplayServer server = new ReplayServer()) {
            server.on("getmetadata", r -> switch (r.parameters().get("Type")) {
                case "METADATA-SYSTEM" -> ReplayServer.xml(tree);
                case "METADATA-CLASS" -> ReplayServer.xml(classes);
                default -> ReplayServer.xml("<RETS ReplyCode=\"20503\" ReplyText=\"No Metadata Found\"/>");
            });
            try (RetsClient client = client(server, Map.of(), null)) {
                assertThat(client.metadata().classes("Property")).containsExactly("RES");
                client.listingsModifiedSince(null, l -> { });
            }
            assertThat(server.requests("getmetadata").stream().filter(r -> r.parameters().get("Type").equals("METADATA-TABLE")).count())
                    .as("TABLE requests").isLessThanOrEqualTo(1);
            assertThat(server.requests("search")).hasSize(1);
        }
    }

    // 6
    @Test
    void anHtmlOrXhtmlPageWithStatus200IsAnErrorNotAnEmptyResult() throws Exception {
        Recorded html = Fixtures.load("python-rets/tests/rets_responses/Logout.html");
        Recorded xhtml = ReplayServer.body("text/html", ("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>401 - "
                + "Unauthorized</title></head><body><h1>Access is denied.</h1></body></html>").getBytes(StandardCharsets.UTF_8));
        for (Recorded page : List.of(html, xhtml)) {
            try (ReplayServer server = new ReplayServer()) {
                server.on("search", r -> page);
                try (RetsClient client = client(server, Map.of("LIST_1", "ListingKey"), "RES")) {
                    MlsException e = catchThrowableOfType(MlsException.class, () -> client.listingsModifiedSince(null, l -> { }));
                    assertThat(e).isNotNull();
                    assertThat(e.kind()).isEqualTo(MlsException.Kind.MALFORMED);
                    assertThat(e.getMessage()).contains("<RETS>").containsIgnoringCase("html");
                }
            }
        }
    }

    // 7
    @Test
    void windows1252BytesInABodyWithoutCharsetAreRepairedAndTheRowsCounted() throws Exception {
        byte[] body = concat("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"09\"/><COLUMNS>\tLIST_1\tCITY\t</COLUMNS>"
                        + "<DATA>\tK1\tMontr", new byte[] {(byte) 0xE9}, "al\t</DATA><DATA>\tK2\tQu\u00e9bec\t</DATA>"
                        + "<DATA>\tK3\t", new byte[] {(byte) 0x93}, "Caf", new byte[] {(byte) 0xE9, (byte) 0x94}, "\t</DATA></RETS>");
        try (ReplayServer server = new ReplayServer()) {
            server.on("search", r -> ReplayServer.body("text/xml", body));
            List<MlsListing> got = new ArrayList<>();
            try (RetsClient client = client(server, Map.of("LIST_1", "ListingKey"), "RES")) {
                client.listingsModifiedSince(null, got::add);
                assertThat(got).extracting(l -> l.fields().get("CITY")).containsExactly("Montr\u00e9al", "Qu\u00e9bec", "\u201cCaf\u00e9\u201d");
                assertThat(client.usage().repairedRows()).isEqualTo(2);
            }
        }
        // a provider configured for ISO-8859-1 reads its bytes as such, nothing to repair
        byte[] latin1 = ("<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tLIST_1\tCITY\t</COLUMNS><DATA>\tK1\tMontr\u00e9al\t</DATA></RETS>")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (ReplayServer server = new ReplayServer()) {
            server.on("search", r -> ReplayServer.body("text/xml", latin1));
            ProviderSettings base = settings(server.loginUrl(), Map.of("LIST_1", "ListingKey"), "RES");
            List<MlsListing> got = new ArrayList<>();
            try (RetsClient client = new RetsClient(base.withCharset("ISO-8859-1"), policy(), Waiter.SYSTEM)) {
                client.listingsModifiedSince(null, got::add);
                assertThat(got).extracting(l -> l.fields().get("CITY")).containsExactly("Montr\u00e9al");
                assertThat(client.usage().repairedRows()).isZero();
            }
        }
    }

    // 8
    @Test
    void aRets15LoginWithOnlyMetadataVersionReloadsMetadataWhenTheVersionChanges() throws Exception {
        AtomicReference<String> version = new AtomicReference<>("1.00.001");
        try (ReplayServer server = new ReplayServer()) {
            server.on("login", r -> ReplayServer.xml(ReplayServer.login(null, version.get())));
            try (RetsClient client = client(server, Map.of(), "RES")) {
                client.login();
                int first = server.requests("getmetadata").size();
                assertThat(first).isPositive();
                client.login();
                assertThat(server.requests("getmetadata")).as("same version: cached").hasSize(first);
                version.set("1.00.002");
                client.login();
                assertThat(server.requests("getmetadata")).as("new version: reloaded").hasSize(2 * first);
            }
        }
    }

    // 8
    @Test
    void aSingleColumnRowWithOneEmptyValueIsKept() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        CompactParser.parse(new ByteArrayInputStream("<RETS ReplyCode=\"0\"><COLUMNS>\tREMARKS\t</COLUMNS><DATA>\t\t</DATA><DATA>\tx\t</DATA></RETS>"
                .getBytes(StandardCharsets.UTF_8)), (String) null, new CompactHandler() {
                    @Override
                    public void row(List<String> values) {
                        rows.add(values);
                    }
                });
        assertThat(rows).containsExactly(List.of(""), List.of("x"));
    }

    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] b ? b : String.valueOf(p).getBytes(Charset.forName("UTF-8")));
        }
        return out.toByteArray();
    }
}

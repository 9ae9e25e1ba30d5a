package com.keystone.crm.tools.mlssimulator.rets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RetsProtocolTest {

    private static MlsSimulator sim;
    private RetsTestClient client;

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimulatorOptions.builder().listings(300).photosPerListing(3).seed(42L).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void login() {
        client = new RetsTestClient(sim, "rets-user", "rets-pass");
        assertThat(client.login().status()).isEqualTo(200);
    }

    @AfterEach
    void cleanUp() throws Exception {
        sim.faults().clear();
        client.close();
    }

    static Document xml(RetsTestClient.Reply r) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    static String replyCode(RetsTestClient.Reply r) throws Exception {
        return xml(r).getDocumentElement().getAttribute("ReplyCode");
    }

    /** COMPACT rows: columns, then each DATA row split on the tab delimiter. */
    static List<Map<String, String>> rows(RetsTestClient.Reply r) throws Exception {
        Document doc = xml(r);
        String cols = doc.getElementsByTagName("COLUMNS").item(0).getTextContent();
        List<String> names = Arrays.asList(cols.substring(1, cols.length() - 1).split("\t", -1));
        List<Map<String, String>> out = new ArrayList<>();
        var data = doc.getElementsByTagName("DATA");
        for (int i = 0; i < data.getLength(); i++) {
            String row = data.item(i).getTextContent();
            assertThat(row).startsWith("\t").endsWith("\t");
            String[] values = row.substring(1, row.length() - 1).split("\t", -1);
            assertThat(values).hasSameSizeAs(names);
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                m.put(names.get(c), values[c]);
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void anUnauthenticatedRequestGetsAFreshDigestChallengeEachTime() {
        HttpResponse<byte[]> a = TestHttp.get(sim.retsLoginUrl());
        HttpResponse<byte[]> b = TestHttp.get(sim.retsLoginUrl());
        assertThat(a.statusCode()).isEqualTo(401);
        String ca = a.headers().firstValue("WWW-Authenticate").orElseThrow();
        String cb = b.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(ca).startsWith("Digest ").contains("realm=\"", "qop=\"auth\"", "nonce=\"", "opaque=\"");
        assertThat(DigestAuth.parse(ca.substring(7)).get("nonce")).isNotEqualTo(DigestAuth.parse(cb.substring(7)).get("nonce"));
        assertThat(a.headers().firstValue("RETS-Version")).hasValue("RETS/1.7.2");
    }

    @Test
    void loginListsTheCapabilityUrlsAndSetsTheSessionCookie() {
        RetsTestClient fresh = new RetsTestClient(sim, "rets-user", "rets-pass");
        RetsTestClient.Reply r = fresh.login();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("RETS-Version")).isEqualTo("RETS/1.7.2");
        assertThat(r.header("Set-Cookie")).contains("RETS-Session-ID=");
        assertThat(fresh.sessionId()).isNotEmpty();
        String body = r.text();
        assertThat(body).contains("ReplyCode=\"0\"", "Search=" + sim.baseUrl() + "/rets/search",
                "GetMetadata=" + sim.baseUrl() + "/rets/getmetadata", "GetObject=" + sim.baseUrl() + "/rets/getobject",
                "Logout=" + sim.baseUrl() + "/rets/logout", "MetadataVersion=1.00.000",
                "MetadataTimestamp=2025-12-01T00:00:00Z", "TimeoutSeconds=1800");
    }

    @Test
    void wrongPasswordsAndMissingSessionsAreRefused() throws Exception {
        try (RetsTestClient wrong = new RetsTestClient(sim, "rets-user", "nope")) {
            assertThat(wrong.login().status()).isEqualTo(401);
        }
        try (RetsTestClient noSession = new RetsTestClient(sim, "rets-user", "rets-pass")) {
            assertThat(noSession.search("(LIST_15=|A)").status()).isEqualTo(401);
        }
    }

    @Test
    void logoutEndsTheSession() {
        RetsTestClient.Reply out = client.transaction("logout", Map.of());
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.text()).contains("ReplyCode=\"0\"");
        assertThat(client.search("(LIST_15=|A)").status()).isEqualTo(401);
    }

    @Test
    void systemMetadataDeclaresTheTimeZoneAndVersion() throws Exception {
        RetsTestClient.Reply r = client.transaction("getmetadata", Map.of("Type", "METADATA-SYSTEM", "ID", "*",
                "Format", "COMPACT"));
        Element system = (Element) xml(r).getElementsByTagName("SYSTEM").item(0);
        assertThat(system.getAttribute("TimeZoneOffset")).isEqualTo("-05:00");
        assertThat(system.getAttribute("SystemID")).isEqualTo("KEYSTONE-SIM");
        Element meta = (Element) xml(r).getElementsByTagName("METADATA-SYSTEM").item(0);
        assertThat(meta.getAttribute("Version")).isEqualTo("1.00.000");
        assertThat(meta.getAttribute("Date")).isEqualTo("2025-12-01T00:00:00Z");
    }

    @Test
    void everyMetadataTypeIsServedInCompact() throws Exception {
        for (String[] typeAndId : new String[][] {{"METADATA-RESOURCE", "0"}, {"METADATA-CLASS", "Property"},
                {"METADATA-TABLE", "Property:RES"}, {"METADATA-LOOKUP", "Property"},
                {"METADATA-LOOKUP_TYPE", "Property:STATUS"}, {"METADATA-OBJECT", "Property"}}) {
            RetsTestClient.Reply r = client.transaction("getmetadata", Map.of("Type", typeAndId[0], "ID",
                    typeAndId[1], "Format", "COMPACT"));
            assertThat(replyCode(r)).as(typeAndId[0]).isEqualTo("0");
            assertThat(rows(r)).as(typeAndId[0]).isNotEmpty();
        }
        List<Map<String, String>> table = rows(client.transaction("getmetadata", Map.of("Type", "METADATA-TABLE",
                "ID", "Property:RES", "Format", "COMPACT")));
        assertThat(table).anySatisfy(f -> {
            assertThat(f).containsEntry("SystemName", "LIST_15").containsEntry("StandardName", "StandardStatus")
                    .containsEntry("Interpretation", "Lookup").containsEntry("LookupName", "STATUS");
        });
        assertThat(table).anySatisfy(f -> assertThat(f).containsEntry("SystemName", "LIST_94")
                .containsEntry("Interpretation", "LookupMulti"));
        assertThat(table).anySatisfy(f -> assertThat(f).containsEntry("SystemName", "LIST_87")
                .containsEntry("DataType", "DateTime").containsEntry("StandardName", "ModificationTimestamp"));
        List<Map<String, String>> status = rows(client.transaction("getmetadata", Map.of("Type",
                "METADATA-LOOKUP_TYPE", "ID", "Property:STATUS")));
        assertThat(status).extracting(m -> m.get("Value")).containsExactly("A", "U", "P", "S", "W", "X", "C");
        assertThat(status).extracting(m -> m.get("LongValue")).contains("ActiveUnderContract", "Closed");
        RetsTestClient.Reply all = client.transaction("getmetadata", Map.of("Type", "METADATA-TABLE", "ID", "*"));
        assertThat(xml(all).getElementsByTagName("METADATA-TABLE").getLength()).isEqualTo(2);
        List<Map<String, String>> classes = rows(client.transaction("getmetadata", Map.of("Type", "METADATA-CLASS",
                "ID", "Property")));
        assertThat(classes).extracting(m -> m.get("ClassName")).containsExactly("RES", "LND");
    }

    @Test
    void metadataErrorsHaveTheirReplyCodes() throws Exception {
        assertThat(replyCode(client.transaction("getmetadata", Map.of("Type", "METADATA-NOPE", "ID", "0"))))
                .isEqualTo("20501");
        assertThat(replyCode(client.transaction("getmetadata", Map.of("Type", "METADATA-TABLE", "ID", "Agent:X"))))
                .isEqualTo("20502");
        assertThat(replyCode(client.transaction("getmetadata", Map.of("Type", "METADATA-TABLE",
                "ID", "Property:XYZ")))).isEqualTo("20502");
        assertThat(replyCode(client.transaction("getmetadata", Map.of("Type", "METADATA-SYSTEM", "ID", "0",
                "Format", "STANDARD-XML")))).isEqualTo("20514");
    }

    @Test
    void compactSearchMatchesTheFeed() throws Exception {
        RetsTestClient.Reply r = client.search("(LIST_87=2025-12-15T00:00:00Z+),(LIST_15=|A,P)", "Count", "1",
                "Select", "LIST_1,LIST_87,LIST_15,LIST_22,LIST_94");
        assertThat(replyCode(r)).isEqualTo("0");
        List<Map<String, String>> rows = rows(r);
        Instant from = Instant.parse("2025-12-15T00:00:00Z");
        List<String> expected = sim.feed().snapshot().stream().filter(l -> l.retsClass().equals("RES")
                        && !l.modificationTimestamp().isBefore(from)
                        && List.of("Active", "Pending").contains(l.standardStatus()))
                .sorted(RetsSearch.STABLE).map(l -> l.listingKey()).toList();
        assertThat(rows).extracting(m -> m.get("LIST_1")).containsExactlyElementsOf(expected);
        assertThat(xml(r).getElementsByTagName("COUNT").item(0).getAttributes().getNamedItem("Records")
                .getNodeValue()).isEqualTo(String.valueOf(expected.size()));
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.get("LIST_15")).isIn("A", "P");
            assertThat(m.get("LIST_87")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(m.get("LIST_94")).matches("([A-Z]+(,[A-Z]+)*)?");
        });
        assertThat(xml(r).getElementsByTagName("DELIMITER").item(0).getAttributes().getNamedItem("value")
                .getNodeValue()).isEqualTo("09");
        Map<String, Object> first = sim.feed().listing(expected.get(0));
        assertThat(new java.math.BigDecimal(rows.get(0).get("LIST_22"))).isEqualByComparingTo(
                (java.math.BigDecimal) first.get("ListPrice"));
    }

    @Test
    void compactDecodedGivesLookupNames() throws Exception {
        List<Map<String, String>> rows = rows(client.search("(LIST_15=|U)", "Format", "COMPACT-DECODED",
                "Select", "LIST_1,LIST_15,LIST_94"));
        assertThat(rows).isNotEmpty().allSatisfy(m -> assertThat(m.get("LIST_15")).isEqualTo("ActiveUnderContract"));
        assertThat(rows).anySatisfy(m -> assertThat(m.get("LIST_94")).contains("Dishwasher"));
    }

    @Test
    void standardNamesWork() throws Exception {
        List<Map<String, String>> rows = rows(client.search("(City=Madison)", "StandardNames", "1",
                "Select", "ListingKey,City"));
        assertThat(rows).isNotEmpty().allSatisfy(m -> assertThat(m.get("City")).isEqualTo("Madison"));
    }

    @Test
    void countOnlyAndNoRecords() throws Exception {
        RetsTestClient.Reply count = client.search("(LIST_15=|A)", "Count", "2");
        assertThat(replyCode(count)).isEqualTo("0");
        assertThat(xml(count).getElementsByTagName("DATA").getLength()).isZero();
        assertThat(xml(count).getElementsByTagName("COUNT").getLength()).isEqualTo(1);
        RetsTestClient.Reply none = client.search("(LIST_1=NOPE)", "Count", "1");
        assertThat(replyCode(none)).isEqualTo("20201");
        assertThat(none.text()).contains("<COUNT Records=\"0\"/>");
        assertThat(replyCode(client.search("(LIST_1=NOPE)", "Count", "2"))).isEqualTo("20201");
        assertThat(replyCode(client.search("(LIST_15=|A)", "Offset", "100000"))).isEqualTo("20201");
    }

    @Test
    void limitAndOffsetPageThroughEverythingOnceAndMaxRowsMarksTheCap() throws Exception {
        sim.faults().maxRows(40);
        RetsTestClient.Reply capped = client.search("(LIST_87=2000-01-01T00:00:00Z+)", "Limit", "NONE",
                "Select", "LIST_1");
        assertThat(rows(capped)).hasSize(40);
        assertThat(capped.text()).contains("<MAXROWS/>");
        List<String> keys = new ArrayList<>();
        int offset = 1;
        while (true) {
            RetsTestClient.Reply page = client.search("(LIST_87=2000-01-01T00:00:00Z+)", "Limit", "NONE",
                    "Offset", String.valueOf(offset), "Select", "LIST_1");
            if (replyCode(page).equals("20201")) {
                break;
            }
            List<Map<String, String>> rows = rows(page);
            rows.forEach(m -> keys.add(m.get("LIST_1")));
            offset += rows.size();
            if (!page.text().contains("<MAXROWS/>")) {
                break;
            }
        }
        long res = sim.feed().snapshot().stream().filter(l -> l.retsClass().equals("RES")).count();
        assertThat(keys).hasSize((int) res).doesNotHaveDuplicates();
        RetsTestClient.Reply limited = client.search("(LIST_87=2000-01-01T00:00:00Z+)", "Limit", "10");
        assertThat(rows(limited)).hasSize(10);
        assertThat(limited.text()).doesNotContain("MAXROWS");
    }

    @Test
    void anExactMultipleOfTheCapHasNoMaxRowsOnTheLastPage() throws Exception {
        List<Map<String, String>> all = rows(client.search("(LIST_39=Madison)", "Select", "LIST_1"));
        sim.faults().maxRows(all.size());
        RetsTestClient.Reply page = client.search("(LIST_39=Madison)", "Select", "LIST_1");
        assertThat(rows(page)).hasSize(all.size());
        assertThat(page.text()).doesNotContain("MAXROWS");
    }

    @Test
    void offsetFaults() throws Exception {
        sim.faults().rejectOffset(true);
        assertThat(replyCode(client.search("(LIST_15=|A)", "Offset", "1"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_15=|A)"))).isEqualTo("0");
        sim.faults().rejectOffset(false).ignoreOffset(true);
        List<Map<String, String>> first = rows(client.search("(LIST_15=|A)", "Limit", "5"));
        List<Map<String, String>> again = rows(client.search("(LIST_15=|A)", "Limit", "5", "Offset", "6"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void maxRowsCanBeAnError() throws Exception {
        sim.faults().maxRows(5).maxRowsAsError(true);
        RetsTestClient.Reply r = client.search("(LIST_15=|A)");
        assertThat(replyCode(r)).isEqualTo("20208");
        assertThat(xml(r).getElementsByTagName("DATA").getLength()).isZero();
        assertThat(replyCode(client.search("(LIST_15=|A)", "Limit", "5"))).isEqualTo("0");
    }

    @Test
    void searchErrorsHaveTheirReplyCodes() throws Exception {
        assertThat(replyCode(client.search("(NOPE=1)"))).isEqualTo("20200");
        assertThat(replyCode(client.search("(LIST_1=KS1"))).isEqualTo("20206");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "Select", "LIST_1,NOPE"))).isEqualTo("20202");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "Class", "XYZ"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "SearchType", "Agent"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "Format", "STANDARD-XML"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "Count", "7"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "Limit", "many"))).isEqualTo("20203");
        assertThat(replyCode(client.search("(LIST_1=KS1)", "QueryType", "SQL"))).isEqualTo("20203");
    }

    @Test
    void searchByPostForm() throws Exception {
        RetsTestClient.Reply r = client.post(sim.baseUrl() + "/rets/search", Map.of("SearchType", "Property",
                "Class", "LND", "QueryType", "DMQL2", "Query", "(LIST_15=|A,U,P,S,W,X,C)", "Select", "LIST_1,LIST_8",
                "Count", "1"));
        assertThat(replyCode(r)).isEqualTo("0");
        assertThat(rows(r)).isNotEmpty().allSatisfy(m -> assertThat(m.get("LIST_8")).isEqualTo("LND"));
    }

    @Test
    void sessionsExpireWith20037AndALoginRecovers() throws Exception {
        sim.faults().expireSessionsAfter(2);
        RetsTestClient fresh = new RetsTestClient(sim, "rets-user", "rets-pass");
        fresh.login();
        assertThat(replyCode(fresh.search("(LIST_15=|A)", "Limit", "1"))).isEqualTo("0");
        assertThat(replyCode(fresh.search("(LIST_15=|A)", "Limit", "1"))).isEqualTo("0");
        assertThat(replyCode(fresh.search("(LIST_15=|A)", "Limit", "1"))).isEqualTo("20037");
        assertThat(replyCode(fresh.search("(LIST_15=|A)", "Limit", "1"))).isEqualTo("20037");
        fresh.login();
        assertThat(replyCode(fresh.search("(LIST_15=|A)", "Limit", "1"))).isEqualTo("0");
        fresh.close();
    }

    @Test
    void malformedRowsHaveAColumnMissing() throws Exception {
        sim.faults().malformedRows(1);
        RetsTestClient.Reply r = client.search("(LIST_15=|A)", "Limit", "3", "Select", "LIST_1,LIST_15,LIST_22");
        var data = xml(r).getElementsByTagName("DATA");
        assertThat(data.item(0).getTextContent().split("\t", -1)).hasSize(4);
        assertThat(data.item(1).getTextContent().split("\t", -1)).hasSize(5);
        assertThatThrownBy(() -> rows(r)).isInstanceOf(AssertionError.class);
    }

    @Test
    void invalidXmlCharacterReferencesBreakStrictParsers() throws Exception {
        assertThat(rows(client.search("(LIST_15=|A)", "Limit", "3", "Select", "LIST_1,LIST_78"))).hasSize(3);
        sim.faults().invalidXmlCharRefs(true);
        RetsTestClient.Reply r = client.search("(LIST_15=|A)", "Limit", "3", "Select", "LIST_1,LIST_78");
        assertThat(r.text()).contains("&#xD83D;&#xDE0A;");
        assertThatThrownBy(() -> xml(r)).isInstanceOf(org.xml.sax.SAXParseException.class);
    }

    @Test
    void latin1BodiesDeclareTheirCharset() throws Exception {
        sim.faults().latin1Bodies(true);
        RetsTestClient.Reply r = client.search("(LIST_39=Ca*)", "Select", "LIST_1,LIST_39");
        assertThat(r.header("Content-Type")).isEqualTo("text/xml; charset=ISO-8859-1");
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).contains("Cañon City")
                .startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        assertThat(r.text()).doesNotContain("Cañon City");
        assertThat(rows(r)).allSatisfy(m -> assertThat(m.get("LIST_39")).isEqualTo("Cañon City"));
    }

    @Test
    void zonelessTimestampsAreInTheServerZone() throws Exception {
        sim.faults().zonelessTimestamps(true);
        Map<String, String> row = rows(client.search("(LIST_1=KS1000001,KS1000002,KS1000003)", "Select",
                "LIST_1,LIST_87")).get(0);
        assertThat(row.get("LIST_87")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        Instant real = (Instant) sim.feed().listing(row.get("LIST_1")).get("ModificationTimestamp");
        assertThat(java.time.LocalDateTime.parse(row.get("LIST_87")).toInstant(java.time.ZoneOffset.ofHours(-5)))
                .isEqualTo(real);
    }

    @Test
    void unknownTransactionsAre404() {
        assertThat(client.transaction("update", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theSameKeysAsTheFeed() throws Exception {
        List<Map<String, String>> res = rows(client.search("(LIST_1=.ANY.)", "Select", "LIST_1"));
        List<Map<String, String>> lnd = rows(client.search("(LIST_1=.ANY.)", "Class", "LND", "Select", "LIST_1"));
        HashSet<String> keys = new HashSet<>();
        res.forEach(m -> keys.add(m.get("LIST_1")));
        lnd.forEach(m -> keys.add(m.get("LIST_1")));
        assertThat(keys).isEqualTo(sim.feed().keys());
    }
}

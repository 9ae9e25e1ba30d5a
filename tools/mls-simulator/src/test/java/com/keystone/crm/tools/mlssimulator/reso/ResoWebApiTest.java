package com.keystone.crm.tools.mlssimulator.reso;

import static com.keystone.crm.tools.mlssimulator.TestHttp.enc;
import static com.keystone.crm.tools.mlssimulator.TestHttp.get;
import static com.keystone.crm.tools.mlssimulator.TestHttp.json;
import static com.keystone.crm.tools.mlssimulator.TestHttp.postForm;
import static com.keystone.crm.tools.mlssimulator.TestHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ResoWebApiTest {

    private static MlsSimulator sim;
    private static String token;

    @BeforeAll
    static void start() {
        sim = MlsSimulator.start(SimulatorOptions.builder().listings(250).photosPerListing(3).seed(42L)
                .resoTopCap(100).build());
        token = TestHttp.token(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    private static HttpResponse<byte[]> api(String pathAndQuery) {
        return get(sim.resoServiceRoot() + pathAndQuery, "Authorization", "Bearer " + token);
    }

    @Test
    void tokensComeFromClientCredentialsByFormOrBasic() {
        HttpResponse<byte[]> form = postForm(sim.oauthTokenUrl(),
                "grant_type=client_credentials&client_id=reso-client&client_secret=reso-secret&scope=api");
        assertThat(form.statusCode()).isEqualTo(200);
        JsonNode body = json(form);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(form.headers().firstValue("Cache-Control")).hasValue("no-store");

        String basic = Base64.getEncoder().encodeToString("reso-client:reso-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> viaBasic = postForm(sim.oauthTokenUrl(), "grant_type=client_credentials",
                "Authorization", "Basic " + basic);
        assertThat(viaBasic.statusCode()).isEqualTo(200);
        String other = json(viaBasic).get("access_token").asText();
        assertThat(get(sim.resoServiceRoot() + "/Property?$top=1", "Authorization", "Bearer " + other).statusCode())
                .isEqualTo(200);
    }

    @Test
    void badClientsAndGrantsAreRefused() {
        HttpResponse<byte[]> wrong = postForm(sim.oauthTokenUrl(),
                "grant_type=client_credentials&client_id=reso-client&client_secret=nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_client");
        String basic = Base64.getEncoder().encodeToString("reso-client:bad".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> wrongBasic = postForm(sim.oauthTokenUrl(), "grant_type=client_credentials",
                "Authorization", "Basic " + basic);
        assertThat(wrongBasic.statusCode()).isEqualTo(401);
        assertThat(wrongBasic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        HttpResponse<byte[]> grant = postForm(sim.oauthTokenUrl(),
                "grant_type=password&client_id=reso-client&client_secret=reso-secret");
        assertThat(json(grant).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(postForm(sim.oauthTokenUrl(), "client_id=reso-client").statusCode()).isEqualTo(400);
        assertThat(get(sim.oauthTokenUrl()).statusCode()).isEqualTo(405);
    }

    @Test
    void everyResourceNeedsABearerToken() {
        for (String path : List.of("", "/$metadata", "/Property", "/Media", "/Property('KS1000001')")) {
            HttpResponse<byte[]> r = get(sim.resoServiceRoot() + path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(get(sim.resoServiceRoot() + "/Property", "Authorization", "Bearer forged").statusCode())
                .isEqualTo(401);
    }

    @Test
    void tokensExpireAfterTheConfiguredNumberOfRequests() {
        String fresh = TestHttp.token(sim);
        sim.faults().expireSessionsAfter(2);
        String url = sim.resoServiceRoot() + "/Property?$top=1";
        assertThat(get(url, "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
        assertThat(get(url, "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> expired = get(url, "Authorization", "Bearer " + fresh);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("invalid_token"));
        assertThat(get(url, "Authorization", "Bearer " + TestHttp.token(sim)).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpireInTime() throws Exception {
        try (MlsSimulator shortLived = MlsSimulator.start(SimulatorOptions.builder().listings(3)
                .tokenTtl(java.time.Duration.ZERO).build())) {
            String t = TestHttp.token(shortLived);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                    get(shortLived.resoServiceRoot() + "/Property", "Authorization", "Bearer " + t).statusCode() == 401);
        }
    }

    @Test
    void metadataIsEdmxWithTheEntityTypesAndEnumerations() throws Exception {
        HttpResponse<byte[]> r = api("/$metadata");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        String edm = "http://docs.oasis-open.org/odata/ns/edm";
        NodeList types = doc.getElementsByTagNameNS(edm, "EntityType");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.getLength(); i++) {
            names.add(((Element) types.item(i)).getAttribute("Name"));
        }
        assertThat(names).containsExactly("Property", "Media");
        String xml = text(r);
        assertThat(xml).contains("<Property Name=\"ModificationTimestamp\" Type=\"Edm.DateTimeOffset\"",
                "<EnumType Name=\"StandardStatus\">", "<Member Name=\"ActiveUnderContract\"",
                "<EnumType Name=\"Appliances\" IsFlags=\"true\">",
                "<NavigationProperty Name=\"Media\" Type=\"Collection(org.reso.metadata.Media)\"/>",
                "<EntitySet Name=\"Property\" EntityType=\"org.reso.metadata.Property\">");
        assertThat(json(api("")).get("value").findValuesAsText("name")).containsExactly("Property", "Media");
    }

    @Test
    void followingNextLinkReturnsEveryListingOnceInStableOrder() {
        List<String> keys = new ArrayList<>();
        List<String> stamps = new ArrayList<>();
        String next = sim.resoServiceRoot() + "/Property?$select=ListingKey,ModificationTimestamp&$count=true";
        int pages = 0;
        while (next != null) {
            HttpResponse<byte[]> r = get(next, "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = json(r);
            if (pages == 0) {
                assertThat(body.get("@odata.count").asInt()).isEqualTo(250);
                assertThat(body.get("@odata.context").asText())
                        .endsWith("/$metadata#Property(ListingKey,ModificationTimestamp)");
            }
            for (JsonNode row : body.get("value")) {
                assertThat(row.size()).isEqualTo(2);
                keys.add(row.get("ListingKey").asText());
                stamps.add(row.get("ModificationTimestamp").asText());
            }
            next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(keys).hasSize(250).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(sim.feed().keys());
        List<Instant> instants = stamps.stream().map(Instant::parse).toList();
        assertThat(instants).isSorted();
    }

    @Test
    void topAndSkipPageWithinTheCap() {
        JsonNode first = json(api("/Property?$top=40&$skip=0"));
        JsonNode second = json(api("/Property?$top=40&$skip=40"));
        assertThat(first.get("value")).hasSize(40);
        assertThat(first.get("@odata.nextLink").asText()).contains("$top=40").contains("$skip=40");
        assertThat(second.get("value").get(0).get("ListingKey").asText())
                .isNotEqualTo(first.get("value").get(39).get("ListingKey").asText());
        assertThat(json(api("/Property?$top=500")).get("value")).hasSize(100);
        sim.faults().topCap(10);
        assertThat(json(api("/Property?$top=500")).get("value")).hasSize(10);
        JsonNode last = json(api("/Property?$skip=245&$top=10"));
        assertThat(last.get("value")).hasSize(5);
        assertThat(last.has("@odata.nextLink")).isFalse();
        assertThat(json(api("/Property?$skip=400")).get("value")).isEmpty();
    }

    @Test
    void filtersOnTimestampsForIncrementalReplication() {
        sim.feed().advanceClock(java.time.Duration.ofDays(1));
        List<String> changed = sim.feed().changePrices(3);
        Instant watermark = sim.feed().clock();
        JsonNode body = json(api("/Property?$filter=" + enc("ModificationTimestamp ge " + watermark)
                + "&$orderby=" + enc("ModificationTimestamp asc")));
        List<String> keys = body.get("value").findValuesAsText("ListingKey");
        assertThat(keys).containsExactlyInAnyOrderElementsOf(changed);
        assertThat(body.get("value").get(0).get("ModificationTimestamp").asText()).isEqualTo(watermark.toString());
    }

    @Test
    void ordersByRequestedFieldsThenTimestampAndKey() {
        JsonNode body = json(api("/Property?$orderby=" + enc("ListPrice desc") + "&$top=50&$select=ListPrice"));
        List<Double> prices = new ArrayList<>();
        body.get("value").forEach(r -> prices.add(r.get("ListPrice").asDouble()));
        assertThat(prices).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(api("/Property?$orderby=" + enc("Nope asc")).statusCode()).isEqualTo(400);
        assertThat(api("/Property?$orderby=" + enc("ListPrice sideways")).statusCode()).isEqualTo(400);
    }

    @Test
    void expandsMediaAndServesTheirPhotos() throws Exception {
        JsonNode l = json(api("/Property?$top=1&$expand=Media")).get("value").get(0);
        JsonNode media = l.get("Media");
        assertThat(media).hasSize(3);
        assertThat(media.get(0).get("ResourceRecordKey").asText()).isEqualTo(l.get("ListingKey").asText());
        assertThat(media.get(0).get("Order").asInt()).isEqualTo(1);
        assertThat(media.get(0).get("MediaCategory").asText()).isEqualTo("Photo");
        String url = media.get(0).get("MediaURL").asText();
        assertThat(url).isEqualTo(sim.baseUrl() + "/media/" + media.get(0).get("MediaKey").asText() + ".jpg");
        HttpResponse<byte[]> photo = get(url);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(photo.body())).getWidth()).isEqualTo(320);
        String etag = photo.headers().firstValue("ETag").orElseThrow();
        assertThat(get(url, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(sim.baseUrl() + "/media/KS9999999-1.jpg").statusCode()).isEqualTo(404);
        assertThat(api("/Property?$expand=Office").statusCode()).isEqualTo(400);
    }

    @Test
    void mediaIsAnEntitySetToo() {
        JsonNode body = json(api("/Media?$filter=" + enc("ResourceRecordKey eq 'KS1000010'") + "&$orderby=Order"));
        assertThat(body.get("value").findValuesAsText("MediaKey"))
                .containsExactly("KS1000010-1", "KS1000010-2", "KS1000010-3");
        JsonNode batch = json(api("/Media?$filter=" + enc("ResourceRecordKey in ('KS1000010', 'KS1000011')")));
        assertThat(batch.get("value")).hasSize(6);
        JsonNode combined = json(api("/Media?$filter=" + enc("ResourceRecordKey eq 'KS1000010' or Order eq 3")
                + "&$count=true"));
        assertThat(combined.get("@odata.count").asInt()).isEqualTo(2 + sim.feed().size());
        JsonNode one = json(api("/Media('KS1000010-2')"));
        assertThat(one.get("Order").asInt()).isEqualTo(2);
        assertThat(api("/Media('KS1000010-9')").statusCode()).isEqualTo(404);
        assertThat(json(api("/Media?$count=true&$top=0")).get("@odata.count").asInt()).isEqualTo(sim.feed().size() * 3);
    }

    @Test
    void singleEntitiesByKey() {
        HttpResponse<byte[]> r = api("/Property('KS1000005')");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode l = json(r);
        assertThat(l.get("ListingKey").asText()).isEqualTo("KS1000005");
        assertThat(l.get("@odata.context").asText()).endsWith("#Property/$entity");
        assertThat(l.get("ListPrice").decimalValue()).isEqualByComparingTo(
                (java.math.BigDecimal) sim.feed().listing("KS1000005").get("ListPrice"));
        assertThat(api("/Property('KS1000005')?$expand=Media").statusCode()).isEqualTo(200);
        assertThat(json(api("/Property('KS1000005')?$select=City")).size()).isEqualTo(2);
        assertThat(api("/Property('nope')").statusCode()).isEqualTo(404);
        assertThat(api("/Office").statusCode()).isEqualTo(404);
    }

    @Test
    void badQueriesAreODataErrors() {
        for (String q : List.of("$filter=" + enc("Nope eq 1"), "$top=-1", "$skip=x", "$select=Nope")) {
            HttpResponse<byte[]> r = api("/Property?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(json(r).get("error").get("message").asText()).isNotBlank();
        }
    }

    @Test
    void zonelessTimestampsFaultDropsTheOffset() {
        sim.faults().zonelessTimestamps(true);
        String ts = json(api("/Property('KS1000001')")).get("ModificationTimestamp").asText();
        assertThat(ts).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        Instant real = (Instant) sim.feed().listing("KS1000001").get("ModificationTimestamp");
        assertThat(java.time.LocalDateTime.parse(ts).toInstant(java.time.ZoneOffset.ofHours(-5))).isEqualTo(real);
    }

    @Test
    void gzipWhenAsked() throws Exception {
        HttpResponse<byte[]> r = get(sim.resoServiceRoot() + "/Property?$top=5", "Authorization", "Bearer " + token,
                "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(TestHttp.JSON.readTree(plain).get("value")).hasSize(5);
    }

    @Test
    void onlyGetIsAllowed() {
        assertThat(postForm(sim.resoServiceRoot() + "/Property", "x=1", "Authorization", "Bearer " + token)
                .statusCode()).isEqualTo(405);
        Set<String> endpoints = sim.stats().snapshot().keySet();
        assertThat(endpoints).contains("reso/Property", "oauth2/token");
    }
}

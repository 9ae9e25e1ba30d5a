package com.keystone.crm.lead.lead.rest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * GET /api/v1/leads/export: the caller's visible leads as CSV, read page by page (3 per page in tests), with the list's
 * filters, spreadsheet formulas neutralised, deleted leads left out, refusals as problems and the export audited.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadExportTest {
    static final String TENANT = "export-realty";
    static final List<String> CARA_LEADS = new ArrayList<>();
    static String deletedLead;
    static String danLead;

    @BeforeEach
    void leads() {
        if (!CARA_LEADS.isEmpty()) {
            return;
        }
        TestDirectory.ensureUser(TENANT, "exp-cara", "east", "agent");
        TestDirectory.ensureUser(TENANT, "exp-dan", "west", "agent");
        TestDirectory.ensureUser(TENANT, "exp-admin", null, "admin");
        for (int i = 0; i < 7; i++) {
            CARA_LEADS.add(create(cara(), "{\"firstName\":\"Lee\",\"lastName\":\"Row%d\",\"phone\":\"+1720555%04d\",\"source\":\"%s\",\"tags\":[\"a\",\"b\"]}"
                    .formatted(i, 2000 + i, i < 2 ? "zillow" : "website")));
        }
        // a name a spreadsheet would run as a formula
        CARA_LEADS.add(create(cara(), "{\"firstName\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\",\"lastName\":\"Formula, Jr.\",\"source\":\"website\"}"));
        deletedLead = create(cara(), "{\"lastName\":\"Gone\",\"source\":\"website\"}");
        given().auth().oauth2(cara()).header("If-Match", "\"1\"").delete("/api/v1/leads/" + deletedLead).then().statusCode(204);
        danLead = create(TestTokens.token(TENANT, "exp-dan", "west", "agent"), "{\"lastName\":\"Danson\",\"source\":\"referral\"}");
    }

    static String cara() {
        return TestTokens.token(TENANT, "exp-cara", "east", "agent");
    }

    static String create(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    static List<List<String>> csv(String body) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(body)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void anAgentExportsExactlyTheirLiveLeadsOverSeveralPages() throws IOException {
        String body = given().auth().oauth2(cara()).accept("text/csv").get("/api/v1/leads/export").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"leads.csv\"")
                .extract().asString();
        List<List<String>> rows = csv(body);
        List<String> header = rows.get(0);
        assertThat(header).startsWith("id", "firstName", "lastName", "email", "emails", "phone");
        List<String> ids = rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
        // 8 leads over 3 pages of 3, in creation order; the deleted one and the other agent's are not there
        assertThat(ids).containsExactlyElementsOf(CARA_LEADS).doesNotContain(deletedLead, danLead);

        List<String> first = rows.get(1);
        assertThat(first.get(header.indexOf("lastName"))).isEqualTo("Row0");
        assertThat(first.get(header.indexOf("phone"))).as("a phone's + is not a formula").isEqualTo("+17205552000");
        assertThat(first.get(header.indexOf("tags"))).isEqualTo("a;b");
        assertThat(first.get(header.indexOf("source"))).isEqualTo("zillow");
        assertThat(first.get(header.indexOf("assignedAgentId"))).isEqualTo("exp-cara");
        List<String> formula = rows.get(rows.size() - 1);
        assertThat(formula.get(header.indexOf("firstName"))).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
        assertThat(formula.get(header.indexOf("lastName"))).isEqualTo("Formula, Jr.");
    }

    @Test
    void theListsFiltersApplyAndAnAdminSeesTheTenant() throws IOException {
        String admin = TestTokens.token(TENANT, "exp-admin", null, "admin");
        List<List<String>> zillow = csv(given().auth().oauth2(admin).accept("text/csv").queryParam("source", "zillow")
                .get("/api/v1/leads/export").then().statusCode(200).extract().asString());
        assertThat(zillow.subList(1, zillow.size()).stream().map(r -> r.get(0)).toList())
                .containsExactlyElementsOf(CARA_LEADS.subList(0, 2));
        List<List<String>> all = csv(given().auth().oauth2(admin).accept("text/csv")
                .get("/api/v1/leads/export").then().statusCode(200).extract().asString());
        assertThat(all.subList(1, all.size()).stream().map(r -> r.get(0)).toList()).contains(danLead).hasSize(CARA_LEADS.size() + 1);
    }

    @Test
    void badFiltersAndUnknownTenantsAreProblemsNotDownloads() {
        given().auth().oauth2(cara()).accept("text/csv").queryParam("status", "bogus")
                .get("/api/v1/leads/export").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("status"));
        given().auth().oauth2(cara()).accept("text/csv").queryParam("tier", "lukewarm")
                .get("/api/v1/leads/export").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("nobody-realty", "ghost", null, "admin")).accept("text/csv")
                .get("/api/v1/leads/export").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        // a refused export is not data access
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM outbox_event WHERE type = 'audit.recorded' "
                + "AND payload->>'tenantId' = 'nobody-realty'")).isZero();
    }

    @Test
    void anExportIsAudited() {
        given().auth().oauth2(cara()).accept("text/csv").header("X-Forwarded-For", "198.51.100.77")
                .get("/api/v1/leads/export").then().statusCode(200);
        CapturedEvent e = KafkaEvents.awaitEvent("audit.recorded", r -> "lead.exported".equals(r.value().get("action").asText())
                && TENANT.equals(r.value().get("tenantId").asText()) && "198.51.100.77".equals(r.value().path("clientIp").asText()));
        KafkaEvents.assertSchemaValid(e);
        assertThat(e.value().get("actorId").asText()).isEqualTo("exp-cara");
        assertThat(e.value().get("clientIp").asText()).isEqualTo("198.51.100.77");
        assertThat(e.value().get("path").asText()).isEqualTo("/api/v1/leads/export");
    }
}

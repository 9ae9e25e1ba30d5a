package com.keystone.crm.lead.lead.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Issue #17 in lead-service: control characters refused (never stripped) wherever they come in, budgets and dates out
 * of range are 400s naming the field (no 500, no corrupted read-back), weak If-Match tags are 412, the task
 * completion refuses bodies that are not JSON, an unknown tenant's lists are 403, and ingestion neither writes into
 * nor reveals a lead the caller cannot see.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class HostileInputTest {
    static final String TENANT = "hostile-realty";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "hostile-ann", "team-h1", "agent");
        TestDirectory.ensureUser(TENANT, "hostile-bob", "team-h2", "agent");
        TestDirectory.ensureUser(TENANT, "hostile-admin", null, "admin");
    }

    static String ann() {
        return TestTokens.token(TENANT, "hostile-ann", "team-h1", "agent");
    }

    static String bob() {
        return TestTokens.token(TENANT, "hostile-bob", "team-h2", "agent");
    }

    static ValidatableResponse refused(ValidatableResponse r, String field) {
        return r.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    static ValidatableResponse createLead(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post("/api/v1/leads").then();
    }

    @Test
    void controlCharactersAreRefusedNotStripped() {
        long before = TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ?", TENANT);
        refused(createLead(ann(), "{\"firstName\":\"Ja\\u0000ne\",\"source\":\"zillow\"}"), "firstName");
        refused(given().auth().oauth2(ann()).urlEncodingEnabled(false).get("/api/v1/leads?tag=%00").then(), "tag");
        refused(given().auth().oauth2(ann()).urlEncodingEnabled(false).get("/api/v1/leads/%00").then(), "id");
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ?", TENANT)).isEqualTo(before);
    }

    @Test
    void budgetsAndDatesOutOfRangeAreNamed() {
        refused(createLead(ann(), "{\"firstName\":\"Big\",\"source\":\"zillow\",\"budgetMin\":1e308}"), "budgetMin");
        refused(createLead(ann(), "{\"firstName\":\"Big\",\"source\":\"zillow\",\"budgetMax\":1e13}"), "budgetMax");
        refused(given().auth().oauth2(ann()).contentType(ContentType.JSON)
                .body("{\"title\":\"Call\",\"dueAt\":\"+999999999-12-31T23:59:59Z\"}").post("/api/v1/tasks").then(), "dueAt");

        String task = given().auth().oauth2(ann()).contentType(ContentType.JSON)
                .body("{\"title\":\"Call\",\"dueAt\":\"2031-05-04T15:00:00Z\"}").post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        refused(given().auth().oauth2(ann()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"dueAt\":\"+999999999-12-31T23:59:59Z\"}").patch("/api/v1/tasks/" + task).then(), "dueAt");
        given().auth().oauth2(ann()).get("/api/v1/tasks/" + task).then().statusCode(200)
                .body("dueAt", equalTo("2031-05-04T15:00:00Z"));
    }

    @Test
    void aWeakIfMatchIs412() {
        String id = createLead(ann(), "{\"firstName\":\"Weak\",\"source\":\"zillow\"}").statusCode(201).extract().path("id");
        given().auth().oauth2(ann()).contentType("application/merge-patch+json").header("If-Match", "W/\"1\"")
                .body("{\"city\":\"Denver\"}").patch("/api/v1/leads/" + id).then().statusCode(412);
    }

    @Test
    void completingATaskTakesNoBodyOrJson() {
        String task = given().auth().oauth2(ann()).contentType(ContentType.JSON)
                .body("{\"title\":\"Call\",\"dueAt\":\"2031-05-04T15:00:00Z\"}").post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(ann()).contentType("text/plain").body("outcome=done").post("/api/v1/tasks/" + task + "/complete")
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(ann()).post("/api/v1/tasks/" + task + "/complete").then().statusCode(200);
    }

    /** Issue #17: an empty or truncated multipart upload was a 500; it is the caller's 400. */
    @Test
    void emptyAndTruncatedMultipartUploadsAre400() {
        String admin = TestTokens.token(TENANT, "hostile-admin", null, "admin");
        given().auth().oauth2(admin).contentType("multipart/form-data; boundary=b0und").body(new byte[0])
                .post("/api/v1/lead-imports").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("multipart/form-data; boundary=b0und")
                .body("--b0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nfirstName,email\r\nJa"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/lead-imports").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnknownTenantsListsAre403() {
        String stranger = TestTokens.token("never-provisioned-" + UUID.randomUUID(), "ghost", null, "admin");
        for (String path : new String[]{"/api/v1/leads", "/api/v1/tasks", "/api/v1/saved-searches"}) {
            given().auth().oauth2(stranger).get(path).then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void ingestionNeverWritesIntoNorRevealsALeadTheCallerCannotSee() {
        String email = "hidden." + UUID.randomUUID() + "@example.com";
        String annLead = createLead(ann(), "{\"firstName\":\"Anna\",\"email\":\"" + email + "\",\"source\":\"zillow\"}")
                .statusCode(201).extract().path("id");
        // Bob (another team) posts an inquiry with the e-mail of Ann's lead: a new lead of his, nothing about Ann's
        String bobLead = given().auth().oauth2(bob()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"source\":\"open-house\",\"lastName\":\"Bobset\",\"city\":\"Boulder\",\"email\":\"" + email + "\"}")
                .post("/api/v1/lead-events").then().statusCode(201).body("outcome", equalTo("created"))
                .body("leadId", not(equalTo(annLead))).extract().path("leadId");
        given().auth().oauth2(ann()).get("/api/v1/leads/" + annLead).then().statusCode(200)
                .body("lastName", equalTo(null)).body("city", equalTo(null));
        // Ann's own inquiry merges into her lead
        given().auth().oauth2(ann()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"source\":\"zillow\",\"email\":\"" + email + "\"}")
                .post("/api/v1/lead-events").then().statusCode(200).body("leadId", equalTo(annLead));
        // a portal integration posts for the brokerage: it dedupes against every lead of the tenant
        String portal = TestTokens.token(TENANT, "portal-zillow", null, "integration");
        given().auth().oauth2(portal).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"source\":\"zillow\",\"email\":\"" + email + "\"}")
                .post("/api/v1/lead-events").then().statusCode(200).body("outcome", equalTo("merged"))
                .body("leadId", equalTo(annLead));
        assertThat(bobLead).isNotEqualTo(annLead);
    }
}

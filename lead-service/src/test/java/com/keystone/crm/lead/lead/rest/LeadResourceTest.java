package com.keystone.crm.lead.lead.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadResourceTest {
    static final String TENANT = "acme-realty";
    static final String AGENT = "agent-ann";
    static final String OTHER_AGENT = "agent-bob";
    static final String LEAD_OF_TEAM = "lead-tara";
    static final String ADMIN = "admin-ada";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "team-north", "agent");
        TestDirectory.ensureUser(TENANT, OTHER_AGENT, "team-south", "agent");
        TestDirectory.ensureUser(TENANT, LEAD_OF_TEAM, "team-north", "team-lead");
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
    }

    static String agentToken() {
        return TestTokens.token(TENANT, AGENT, "team-north", "agent");
    }

    static String body(String lastName) {
        return """
                {"firstName":"Jane","lastName":"%s","email":"  Jane.%s@Example.com ","phone":"+14155550100",
                 "source":"zillow","type":"buyer","timezone":"America/Denver"}""".formatted(lastName, lastName);
    }

    @Test
    void agentCreatesAndReadsOwnLead() {
        String id = given().auth().oauth2(agentToken()).contentType(ContentType.JSON).body(body("Doe"))
                .when().post("/api/v1/leads")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("new"))
                .body("email", equalTo("jane.doe@example.com"))
                .body("assignedAgentId", equalTo(AGENT))
                .body("teamId", equalTo("team-north"))
                .body("version", equalTo(1))
                .extract().path("id");

        given().auth().oauth2(agentToken())
                .when().get("/api/v1/leads/" + id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("source", equalTo("zillow"))
                .body("type", equalTo("buyer"));
    }

    @Test
    void visibilityFollowsAssignmentTeamAndRole() {
        String id = given().auth().oauth2(agentToken()).contentType(ContentType.JSON).body(body("Visible"))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.token(TENANT, OTHER_AGENT, "team-south", "agent"))
                .get("/api/v1/leads/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(TestTokens.token(TENANT, LEAD_OF_TEAM, "team-north", "team-lead"))
                .get("/api/v1/leads/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.token(TENANT, "lead-sam", "team-south", "team-lead"))
                .get("/api/v1/leads/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.token(TENANT, ADMIN, null, "admin"))
                .get("/api/v1/leads/" + id).then().statusCode(200);
        // another tenant's admin with the same lead id: not found, not forbidden
        TestDirectory.ensureUser("other-realty", "admin-olga", null, "admin");
        given().auth().oauth2(TestTokens.token("other-realty", "admin-olga", null, "admin"))
                .get("/api/v1/leads/" + id).then().statusCode(404);
        given().auth().oauth2(agentToken()).get("/api/v1/leads/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void adminAssignsToAnAgentAndUnknownAgentIsRefused() {
        String admin = TestTokens.token(TENANT, ADMIN, null, "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Assigned\",\"source\":\"referral\",\"assignedAgentId\":\"" + OTHER_AGENT + "\"}")
                .post("/api/v1/leads").then().statusCode(201)
                .body("assignedAgentId", equalTo(OTHER_AGENT)).body("teamId", equalTo("team-south"));

        long before = leadCount();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Nobody\",\"source\":\"referral\",\"assignedAgentId\":\"ghost\"}")
                .post("/api/v1/leads").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-agent"));
        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Poach\",\"source\":\"referral\",\"assignedAgentId\":\"" + OTHER_AGENT + "\"}")
                .post("/api/v1/leads").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(leadCount()).isEqualTo(before);
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreate() {
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(agentToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body("Retry"))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String second = given().auth().oauth2(agentToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body("Retry"))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id"); // the first answer, replayed
        assertThat(second).isEqualTo(first);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE last_name = 'Retry'")).isEqualTo(1);

        given().auth().oauth2(agentToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body("Different"))
                .post("/api/v1/leads").then().statusCode(422)
                .body("type", equalTo("https://keystone-crm.dev/problems/idempotency-key-reused"));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE last_name = 'Different'")).isZero();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        long leads = leadCount();
        long events = outboxCount();

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON).body("{\"lastName\": \"Doe\", ")
                .post("/api/v1/leads").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/malformed-json"))
                .body("status", equalTo(400));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"lastName\": \"Doe\", \"source\": \"zillow\", \"type\": 42}")
                .post("/api/v1/leads").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("type"));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"lastName\": \"Doe\", \"source\": \"carrier-pigeon\"}")
                .post("/api/v1/leads").then().statusCode(400)
                .body("errors.field", hasItem("source"));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"lastName\": \"Doe\", \"email\": \"not-an-email\", \"phone\": \"555-1234\"}")
                .post("/api/v1/leads").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem("source"))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("phone"));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"source\": \"zillow\", \"emails\": [\"ok@example.com\", \"a..b@example.com\"]}")
                .post("/api/v1/leads").then().statusCode(400)
                .body("errors.field", hasItem("emails[1]"));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"source\": \"zillow\", \"timezone\": \"Mars/Olympus\"}")
                .post("/api/v1/leads").then().statusCode(400)
                .body("errors.field", hasItem("identifiable"))
                .body("errors.field", hasItem("timezoneValid"));

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .post("/api/v1/leads").then().statusCode(400)
                .contentType("application/problem+json");

        given().auth().oauth2(agentToken()).contentType(ContentType.XML).body("<lead/>")
                .post("/api/v1/leads").then().statusCode(415)
                .contentType("application/problem+json");

        given().auth().oauth2(agentToken()).contentType(ContentType.JSON)
                .body("{\"lastName\":\"" + "x".repeat(1_100_000) + "\",\"source\":\"zillow\"}")
                .post("/api/v1/leads").then().statusCode(413)
                .contentType("application/problem+json");

        assertThat(leadCount()).isEqualTo(leads);
        assertThat(outboxCount()).isEqualTo(events);
    }

    @Test
    void tokensAreCheckedAndUnknownTenantsRefused() {
        long leads = leadCount();
        given().contentType(ContentType.JSON).body(body("NoToken"))
                .post("/api/v1/leads").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue());
        // authentication comes before reading the body: no validation details leak to strangers
        given().contentType(ContentType.JSON).body("{\"email\": 42, ")
                .post("/api/v1/leads").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expiredToken(TENANT, AGENT, "team-north", "agent"))
                .contentType(ContentType.JSON).body(body("Expired"))
                .post("/api/v1/leads").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.tokenWithIssuer("https://evil.example", TENANT, AGENT, "agent"))
                .contentType(ContentType.JSON).body(body("Issuer"))
                .post("/api/v1/leads").then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenSignedByAnotherKey(TENANT, AGENT, "agent"))
                .contentType(ContentType.JSON).body(body("Forged"))
                .post("/api/v1/leads").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(null, AGENT, null, "agent"))
                .contentType(ContentType.JSON).body(body("NoTenant"))
                .post("/api/v1/leads").then().statusCode(401)
                .contentType("application/problem+json")
                // since issue #17 the chassis TokenPolicy refuses a token without a tenant while authenticating it
                .body("type", equalTo("https://keystone-crm.dev/problems/unauthenticated"));
        given().auth().oauth2(TestTokens.token("never-provisioned", "agent-x", null, "agent"))
                .contentType(ContentType.JSON).body(body("Stranger"))
                .post("/api/v1/leads").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/unknown-tenant"));
        given().auth().oauth2(TestTokens.token(TENANT, AGENT, null, "guest"))
                .contentType(ContentType.JSON).body(body("Guest"))
                .post("/api/v1/leads").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(leadCount()).isEqualTo(leads);
    }

    static long leadCount() {
        return TestDirectory.DB.count("SELECT count(*) FROM lead");
    }

    static long outboxCount() {
        return TestDirectory.DB.count("SELECT count(*) FROM outbox_event");
    }
}

package com.keystone.crm.lead.ingest.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** POST /api/v1/lead-events: dedupe by normalised email or phone, merge rules, idempotency; and lead merges. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadIngestionTest {
    static final String TENANT = "ingest-realty";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "ingest-admin", null, "admin");
        TestDirectory.ensureUser(TENANT, "ingest-agent", "team-i", "agent");
    }

    static String admin() {
        return TestTokens.token(TENANT, "ingest-admin", null, "admin");
    }

    static io.restassured.response.ValidatableResponse post(String key, String body) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/lead-events").then();
    }

    @Test
    void theSamePersonFromTwoPortalsIsOneLead() {
        String first = post(UUID.randomUUID().toString(), """
                {"source":"zillow","firstName":"Nora","email":"Nora.Quinn@Example.com","message":"Is 12 Elm still available?",
                 "listingKey":"MLS-1001","type":"buyer","budgetMax":500000}""")
                .statusCode(201).body("outcome", equalTo("created")).extract().path("leadId");

        post(UUID.randomUUID().toString(), """
                {"source":"realtor-com","lastName":"Quinn","email":" nora.quinn@example.com","phone":"(303) 555-0177",
                 "type":"seller","budgetMax":900000,"message":"Tour on Saturday?"}""")
                .statusCode(200).body("outcome", equalTo("merged")).body("leadId", equalTo(first))
                .body("changedFields", contains("lastName", "phones"));

        // a third inquiry by phone only, in another format, lands on the same lead
        post(UUID.randomUUID().toString(), "{\"source\":\"open-house\",\"phone\":\"+13035550177\"}")
                .statusCode(200).body("leadId", equalTo(first));

        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND 'nora.quinn@example.com' = ANY(emails)", TENANT))
                .isEqualTo(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'inquiry'", first))
                .isEqualTo(3);
        given().auth().oauth2(admin()).get("/api/v1/leads/" + first).then().statusCode(200)
                .body("type", equalTo("buyer"))            // the first value is kept
                .body("budgetMax", equalTo(500000.0f))
                .body("lastName", equalTo("Quinn"));       // an empty field is filled

        CapturedEvent inquiry = KafkaEvents.awaitEvent("lead.activity-recorded",
                e -> first.equals(e.key()) && "inquiry".equals(e.value().path("activityType").asText())
                        && "MLS-1001".equals(e.value().path("listingKey").asText()));
        KafkaEvents.assertCloudEvent(inquiry, "lead.activity-recorded", "/lead-service");
        KafkaEvents.assertSchemaValid(inquiry);
    }

    @Test
    void agentEditsAreNeverOverwritten() {
        String id = post(UUID.randomUUID().toString(), "{\"source\":\"website\",\"email\":\"edit.me@example.com\"}")
                .statusCode(201).extract().path("leadId");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"firstName\":\"Agent-Set\",\"city\":null}").patch("/api/v1/leads/" + id).then().statusCode(200);
        post(UUID.randomUUID().toString(), "{\"source\":\"zillow\",\"email\":\"edit.me@example.com\",\"firstName\":\"Portal\",\"city\":\"Golden\"}")
                .statusCode(200).body("changedFields", org.hamcrest.Matchers.not(hasItem("firstName")));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + id).then()
                .body("firstName", equalTo("Agent-Set")).body("city", equalTo(null));
    }

    @Test
    void aRetriedDeliveryIsReplayedNotCountedTwice() {
        String key = UUID.randomUUID().toString();
        String body = "{\"source\":\"website\",\"email\":\"retry.ingest@example.com\",\"message\":\"hi\"}";
        String id = post(key, body).statusCode(201).extract().path("leadId");
        // the first answer, replayed: status, Location and body
        post(key, body).statusCode(201).body("outcome", equalTo("created")).body("leadId", equalTo(id))
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/leads/" + id));
        post(key, "{\"source\":\"website\",\"email\":\"someone.else@example.com\"}").statusCode(422);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'inquiry'", id))
                .isEqualTo(1);
    }

    @Test
    void concurrentInquiriesOfOneNewPersonMakeOneLead() {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post(UUID.randomUUID().toString(),
                    "{\"source\":\"zillow\",\"email\":\"race@example.com\"}").extract().path("leadId")));
        }
        List<String> ids = calls.stream().map(CompletableFuture::join).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM lead WHERE tenant_id = ? AND 'race@example.com' = ANY(emails)", TENANT))
                .isEqualTo(1);
    }

    @Test
    void badInquiriesAreProblems() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"source\":\"zillow\",\"email\":\"x@example.com\"}")
                .post("/api/v1/lead-events").then().statusCode(400)
                .body("type", equalTo("https://keystone-crm.dev/problems/idempotency-key-required"));
        post(UUID.randomUUID().toString(), "{\"source\":\"zillow\",\"firstName\":\"NoContact\"}")
                .statusCode(400).body("errors.field", hasItem("reachable"));
        post(UUID.randomUUID().toString(), "{\"source\":\"zillow\",\"phone\":\"12\"}")
                .statusCode(400).body("errors.field", hasItem("phone"));
        post(UUID.randomUUID().toString(), "{\"email\":\"a@example.com\"}")
                .statusCode(400).body("errors.field", hasItem("source"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("{}")
                .post("/api/v1/lead-events").then().statusCode(401);
    }

    @Test
    void mergingTwoLeadsKeepsBothHistories() {
        String keep = post(UUID.randomUUID().toString(), "{\"source\":\"zillow\",\"email\":\"keep@example.com\",\"firstName\":\"Kay\"}")
                .statusCode(201).extract().path("leadId");
        String dup = post(UUID.randomUUID().toString(), "{\"source\":\"website\",\"phone\":\"+13035550166\",\"lastName\":\"Dupe\"}")
                .statusCode(201).extract().path("leadId");

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"duplicateLeadId\":\"" + keep + "\"}")
                .post("/api/v1/leads/" + keep + "/merge").then().statusCode(422);
        given().auth().oauth2(TestTokens.token(TENANT, "ingest-agent", "team-i", "agent")).contentType(ContentType.JSON)
                .body("{\"duplicateLeadId\":\"" + dup + "\"}")
                .post("/api/v1/leads/" + keep + "/merge").then().statusCode(404);

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"duplicateLeadId\":\"" + dup + "\"}")
                .post("/api/v1/leads/" + keep + "/merge").then().statusCode(200)
                .body("firstName", equalTo("Kay")).body("lastName", equalTo("Dupe"))
                .body("phones", contains("+13035550166"));
        given().auth().oauth2(admin()).get("/api/v1/leads/" + dup).then().statusCode(404);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM activity WHERE lead_id = ?::uuid AND kind = 'inquiry'", keep))
                .isEqualTo(2);
        CapturedEvent retired = KafkaEvents.awaitEvent("lead.updated",
                e -> dup.equals(e.key()) && keep.equals(e.value().path("mergedIntoLeadId").asText()));
        KafkaEvents.assertSchemaValid(retired);
        // the merged lead is found by the duplicate's phone from now on
        post(UUID.randomUUID().toString(), "{\"source\":\"website\",\"phone\":\"303 555 0166\"}")
                .statusCode(200).body("leadId", equalTo(keep));
    }
}

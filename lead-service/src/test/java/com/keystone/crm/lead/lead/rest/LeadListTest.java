package com.keystone.crm.lead.lead.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** GET /api/v1/leads: visibility, filters, sort and cursor pagination. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class LeadListTest {
    static final String TENANT = "list-realty";
    static final List<String> ANN_LEADS = new ArrayList<>();
    static String bobLead;
    static Instant beforeAll;

    @BeforeEach
    void leads() {
        if (!ANN_LEADS.isEmpty()) {
            return;
        }
        TestDirectory.ensureUser(TENANT, "list-ann", "north", "agent");
        TestDirectory.ensureUser(TENANT, "list-bob", "south", "agent");
        TestDirectory.ensureUser(TENANT, "list-tess", "north", "team-lead");
        TestDirectory.ensureUser(TENANT, "list-admin", null, "admin");
        beforeAll = Instant.now();
        String[] names = {"Adams", "Baker", "Clark", "Davis", "Evans"};
        for (int i = 0; i < names.length; i++) {
            ANN_LEADS.add(given().auth().oauth2(ann()).contentType(ContentType.JSON)
                    .body("{\"firstName\":\"Pat\",\"lastName\":\"%s\",\"phone\":\"+1303555%04d\",\"source\":\"%s\",\"tags\":[\"%s\"]}"
                            .formatted(names[i], 1000 + i, i % 2 == 0 ? "zillow" : "website", i < 2 ? "hot" : "cold"))
                    .post("/api/v1/leads").then().statusCode(201).extract().path("id"));
        }
        bobLead = given().auth().oauth2(TestTokens.token(TENANT, "list-bob", "south", "agent")).contentType(ContentType.JSON)
                .body("{\"lastName\":\"Bobson\",\"source\":\"referral\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    static String ann() {
        return TestTokens.token(TENANT, "list-ann", "north", "agent");
    }

    @Test
    void cursorPagesWalkEveryVisibleLeadOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(ann()).queryParam("limit", 2).queryParam("sort", "lastName");
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/v1/leads").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ANN_LEADS).doesNotContain(bobLead);
    }

    @Test
    void visibilityFollowsRoles() {
        given().auth().oauth2(TestTokens.token(TENANT, "list-tess", "north", "team-lead")).get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(5));
        given().auth().oauth2(TestTokens.token(TENANT, "list-admin", null, "admin")).get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(6));
        given().auth().oauth2(TestTokens.token(TENANT, "list-bob", "south", "agent")).get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].id", equalTo(bobLead));
    }

    @Test
    void filtersNarrowTheList() {
        given().auth().oauth2(ann()).queryParam("source", "zillow").get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(3));
        given().auth().oauth2(ann()).queryParam("tag", "hot").get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(2));
        given().auth().oauth2(ann()).queryParam("q", "clar").get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].lastName", equalTo("Clark"));
        given().auth().oauth2(ann()).queryParam("q", "555-1003").get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].lastName", equalTo("Davis"));
        given().auth().oauth2(ann()).queryParam("status", "new,contacted").queryParam("updatedSince", beforeAll.toString())
                .get("/api/v1/leads").then().statusCode(200).body("items.size()", equalTo(5));
        given().auth().oauth2(ann()).queryParam("updatedSince", Instant.now().plusSeconds(3600).toString())
                .get("/api/v1/leads").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(ann()).queryParam("sort", "-createdAt").queryParam("limit", 1).get("/api/v1/leads")
                .then().statusCode(200).body("items[0].lastName", equalTo("Evans"));
        given().auth().oauth2(ann()).queryParam("scoreMin", 50).get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badListParametersAreProblems() {
        given().auth().oauth2(ann()).queryParam("sort", "salary").get("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ann()).queryParam("limit", 500).get("/api/v1/leads")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(ann()).queryParam("status", "dreaming").get("/api/v1/leads")
                .then().statusCode(400).body("errors.field", hasItem("status"));
        given().auth().oauth2(ann()).queryParam("updatedSince", "yesterday").get("/api/v1/leads")
                .then().statusCode(400).body("errors.field", hasItem("updatedSince"));
        given().auth().oauth2(ann()).queryParam("cursor", "not-a-cursor").get("/api/v1/leads")
                .then().statusCode(400).body("type", equalTo("https://keystone-crm.dev/problems/invalid-cursor"));
        given().auth().oauth2(ann()).queryParam("scoreMin", 101).get("/api/v1/leads")
                .then().statusCode(400).body("errors.field", hasItem("scoreMin"));
    }
}

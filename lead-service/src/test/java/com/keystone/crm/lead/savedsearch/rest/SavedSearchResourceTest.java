package com.keystone.crm.lead.savedsearch.rest;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The saved-search endpoints: criteria, access through the lead, Idempotency-Key, If-Match, paging, bad input. */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class SavedSearchResourceTest {
    static final String TENANT = "searches-realty-1";
    static final String AGENT = "ss-agent-amy";
    static final String OTHER_AGENT = "ss-agent-ben";
    static final String TEAM_LEAD = "ss-lead-tom";
    static final String ADMIN = "ss-admin-ada";
    static final String OTHER_TENANT = "searches-realty-3";
    static final String OTHER_TENANT_ADMIN = "ss-admin-olga";

    static final String OAKLAND = """
            {"name":" Oakland family home ","cities":[" Oakland ","oakland","San  Leandro"],"postalCodes":["94610-1234"," k1a 0b1"],
             "minPrice":500000,"maxPrice":750000,"minBedrooms":3,"minBathrooms":2,"propertyTypes":["Residential"]}""";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, AGENT, "ss-team-1", "agent");
        TestDirectory.ensureUser(TENANT, OTHER_AGENT, "ss-team-2", "agent");
        TestDirectory.ensureUser(TENANT, TEAM_LEAD, "ss-team-1", "team-lead");
        TestDirectory.ensureUser(TENANT, ADMIN, null, "admin");
        TestDirectory.ensureUser(OTHER_TENANT, OTHER_TENANT_ADMIN, null, "admin");
    }

    static String agent() {
        return TestTokens.token(TENANT, AGENT, "ss-team-1", "agent");
    }

    static String otherAgent() {
        return TestTokens.token(TENANT, OTHER_AGENT, "ss-team-2", "agent");
    }

    static String lead(String token, String lastName) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"lastName\":\"" + lastName + "\",\"source\":\"website\",\"type\":\"buyer\"}")
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    static String search(String token, String leadId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(201).extract().path("id");
    }

    static String named(String name) {
        return "{\"name\":\"" + name + "\",\"cities\":[\"Oakland\"]}";
    }

    @Test
    void agentSavesReadsAndListsASearchOnTheirLead() {
        String leadId = lead(agent(), "Searcher");
        var response = given().auth().oauth2(agent()).contentType(ContentType.JSON).body(OAKLAND)
                .post("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("leadId", equalTo(leadId))
                .body("name", equalTo("Oakland family home"))
                // trimmed, inner spaces collapsed, duplicates (case-insensitive) dropped; postal codes upper-cased
                .body("cities", contains("Oakland", "San Leandro"))
                .body("postalCodes", contains("94610-1234", "K1A 0B1"))
                .body("minBedrooms", equalTo(3))
                .body("minBathrooms", equalTo(2))
                .body("propertyTypes", contains("Residential"))
                .body("standardStatuses", contains("Active"))
                .body("active", equalTo(true))
                .body("createdBy", equalTo(AGENT))
                .body("version", equalTo(1))
                .body("deletedAt", nullValue())
                .extract();
        JsonPath created = response.jsonPath();
        String id = created.getString("id");
        assertThat(response.header("Location")).endsWith("/api/v1/saved-searches/" + id);
        assertThat(created.getDouble("minPrice")).isEqualTo(500000.0);
        assertThat(created.getDouble("maxPrice")).isEqualTo(750000.0);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM saved_search WHERE id = ?::uuid "
                + "AND location_keys = '{city:oakland,\"city:san leandro\",zip:94610-1234,zip:K1A0B1}'", id)).isEqualTo(1);

        given().auth().oauth2(agent()).get("/api/v1/saved-searches/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("id", equalTo(id));
        search(agent(), leadId, named("Second"));
        given().auth().oauth2(agent()).get("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo(id))
                .body("nextCursor", nullValue());
    }

    @Test
    void searchesFollowTheLeadsVisibility() {
        String leadId = lead(agent(), "Private");
        String id = search(agent(), leadId, named("Mine"));
        long before = searchCount();

        // another agent: neither the lead nor its searches exist for them
        given().auth().oauth2(otherAgent()).get("/api/v1/saved-searches/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", not(org.hamcrest.Matchers.containsString(leadId)));
        given().auth().oauth2(otherAgent()).get("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(404);
        given().auth().oauth2(otherAgent()).contentType(ContentType.JSON).body(named("Poach"))
                .post("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(otherAgent()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(named("Poach"))
                .put("/api/v1/saved-searches/" + id).then().statusCode(404);
        given().auth().oauth2(otherAgent()).header("If-Match", "\"1\"")
                .delete("/api/v1/saved-searches/" + id).then().statusCode(404);
        assertThat(ids(otherAgent(), "/api/v1/saved-searches?limit=200")).doesNotContain(id);
        // another tenant's admin
        String stranger = TestTokens.token(OTHER_TENANT, OTHER_TENANT_ADMIN, null, "admin");
        given().auth().oauth2(stranger).get("/api/v1/saved-searches/" + id).then().statusCode(404);
        assertThat(ids(stranger, "/api/v1/saved-searches?limit=200")).doesNotContain(id);
        // the agent's team lead and the tenant's admin see it
        String teamLead = TestTokens.token(TENANT, TEAM_LEAD, "ss-team-1", "team-lead");
        given().auth().oauth2(teamLead).get("/api/v1/saved-searches/" + id).then().statusCode(200);
        assertThat(ids(teamLead, "/api/v1/saved-searches?limit=200")).contains(id);
        String admin = TestTokens.token(TENANT, ADMIN, null, "admin");
        assertThat(ids(admin, "/api/v1/saved-searches?limit=200")).contains(id);
        assertThat(ids(agent(), "/api/v1/saved-searches?limit=200")).contains(id);
        // unknown ids
        given().auth().oauth2(agent()).get("/api/v1/saved-searches/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(agent()).get("/api/v1/saved-searches/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(named("Ghost"))
                .post("/api/v1/leads/" + UUID.randomUUID() + "/saved-searches").then().statusCode(404);
        given().contentType(ContentType.JSON).body(named("Anonymous"))
                .post("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(401)
                .contentType("application/problem+json");
        assertThat(searchCount()).isEqualTo(before);
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreate() {
        String leadId = lead(agent(), "Retrying");
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(agent()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(named("Retry")).post("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(agent()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(named("Retry")).post("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(201).header("ETag", equalTo("\"1\"")).extract().path("id");
        assertThat(again).isEqualTo(first);
        given().auth().oauth2(agent()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(named("Something else")).post("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/idempotency-key-reused"));
        // the same key and body for another lead is another request
        String otherLead = lead(agent(), "RetryingToo");
        given().auth().oauth2(agent()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(named("Retry")).post("/api/v1/leads/" + otherLead + "/saved-searches")
                .then().statusCode(422);
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM saved_search WHERE lead_id IN (?::uuid, ?::uuid)",
                leadId, otherLead)).isEqualTo(1);
    }

    @Test
    void updatesNeedTheCurrentETagAndDeleteIsSoft() {
        String leadId = lead(agent(), "Editing");
        String id = search(agent(), leadId, named("Before"));
        String update = """
                {"name":"After","postalCodes":["94611"],"maxPrice":900000,"propertyTypes":["Residential","Land"],
                 "standardStatuses":["Active","Coming Soon"],"active":false}""";

        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(update)
                .put("/api/v1/saved-searches/" + id).then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-required"));
        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(update)
                .put("/api/v1/saved-searches/" + id).then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/precondition-failed"));
        given().auth().oauth2(agent()).get("/api/v1/saved-searches/" + id).then().body("name", equalTo("Before"));

        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(update)
                .put("/api/v1/saved-searches/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("After"))
                .body("cities.size()", equalTo(0))
                .body("postalCodes", contains("94611"))
                .body("propertyTypes", contains("Residential", "Land"))
                .body("standardStatuses", contains("Active", "Coming Soon"))
                .body("active", equalTo(false))
                .body("version", equalTo(2));
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM saved_search WHERE id = ?::uuid "
                + "AND location_keys = '{zip:94611}' AND NOT active", id)).isEqualTo(1);
        // a weak tag never matches (If-Match compares strongly, RFC 9110; issue #17) and changes nothing
        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", "W/\"2\"")
                .body(named("Weakly renamed")).put("/api/v1/saved-searches/" + id).then().statusCode(412)
                .contentType("application/problem+json");
        // an update without "active" keeps it paused; a list of tags is accepted
        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", "\"9\", \"2\"")
                .body(named("Renamed")).put("/api/v1/saved-searches/" + id).then().statusCode(200)
                .body("active", equalTo(false)).header("ETag", equalTo("\"3\""));

        Instant beforeDelete = Instant.now().minusSeconds(1);
        given().auth().oauth2(agent()).header("If-Match", "\"2\"")
                .delete("/api/v1/saved-searches/" + id).then().statusCode(412);
        given().auth().oauth2(agent())
                .delete("/api/v1/saved-searches/" + id).then().statusCode(428);
        given().auth().oauth2(agent()).header("If-Match", "\"3\"")
                .delete("/api/v1/saved-searches/" + id).then().statusCode(204);
        given().auth().oauth2(agent()).get("/api/v1/saved-searches/" + id).then().statusCode(404);
        given().auth().oauth2(agent()).header("If-Match", "*")
                .delete("/api/v1/saved-searches/" + id).then().statusCode(404);
        given().auth().oauth2(agent()).get("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(200).body("items.size()", equalTo(0));
        // the row stays (soft delete), and the app's delta sync sees its tombstone
        assertThat(TestDirectory.DB.count("SELECT count(*) FROM saved_search WHERE id = ?::uuid AND deleted_at IS NOT NULL "
                + "AND NOT active", id)).isEqualTo(1);
        given().auth().oauth2(agent()).queryParam("updatedSince", beforeDelete.toString())
                .get("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].deletedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(agent()).queryParam("updatedSince", Instant.now().plusSeconds(60).toString())
                .get("/api/v1/leads/" + leadId + "/saved-searches")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void listsPageWithACursor() {
        String leadId = lead(agent(), "Paging");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(search(agent(), leadId, named("Page " + i)));
        }
        String url = "/api/v1/leads/" + leadId + "/saved-searches";
        JsonPath first = given().auth().oauth2(agent()).queryParam("limit", 2).get(url).then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).containsExactlyElementsOf(created.subList(0, 2));
        String cursor = first.getString("nextCursor");
        JsonPath second = given().auth().oauth2(agent()).queryParam("limit", 2).queryParam("cursor", cursor).get(url)
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id", String.class)).containsExactlyElementsOf(created.subList(2, 4));
        JsonPath third = given().auth().oauth2(agent()).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get(url).then().statusCode(200).extract().jsonPath();
        assertThat(third.getList("items.id", String.class)).containsExactly(created.get(4));
        assertThat(third.getString("nextCursor")).isNull();

        // the tenant-wide list pages the same way
        List<String> all = new ArrayList<>();
        String next = null;
        do {
            var request = given().auth().oauth2(agent()).queryParam("limit", 3);
            if (next != null) {
                request.queryParam("cursor", next);
            }
            JsonPath page = request.get("/api/v1/saved-searches").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.id", String.class));
            next = page.getString("nextCursor");
        } while (next != null);
        assertThat(all).containsSubsequence(created).doesNotHaveDuplicates();
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String leadId = lead(agent(), "BadInput");
        String url = "/api/v1/leads/" + leadId + "/saved-searches";
        long before = searchCount();

        invalid(url, "{\"name\":\"Everything\"}", "criteria");
        invalid(url, "{\"name\":\"Everything\",\"standardStatuses\":[\"Pending\"]}", "criteria");
        invalid(url, "{\"name\":\"Upside down\",\"minPrice\":800000,\"maxPrice\":500000}", "priceRangeValid");
        invalid(url, "{\"name\":\"Negative\",\"minPrice\":-1,\"minBedrooms\":-2,\"minBathrooms\":-1}", "minPrice");
        invalid(url, "{\"name\":\"Negative\",\"minBedrooms\":-2}", "minBedrooms");
        invalid(url, "{\"name\":\"Negative\",\"minBathrooms\":-1}", "minBathrooms");
        invalid(url, "{\"name\":\"Negative\",\"maxPrice\":-1}", "maxPrice");
        invalid(url, "{\"name\":\"  \",\"cities\":[\"Oakland\"]}", "name");
        invalid(url, "{\"cities\":[\"Oakland\"]}", "name");
        invalid(url, "{\"name\":\"" + "n".repeat(101) + "\",\"cities\":[\"Oakland\"]}", "name");
        invalid(url, "{\"name\":\"Blank city\",\"cities\":[\" \"]}", "citiesValid");
        invalid(url, "{\"name\":\"Null city\",\"cities\":[null]}", "citiesValid");
        invalid(url, "{\"name\":\"Long city\",\"cities\":[\"" + "c".repeat(101) + "\"]}", "citiesValid");
        invalid(url, "{\"name\":\"Bad zip\",\"postalCodes\":[\"94610; DROP TABLE\"]}", "postalCodesValid");
        invalid(url, "{\"name\":\"Null type\",\"propertyTypes\":[null]}", "listsWithoutNulls");
        invalid(url, "{\"name\":\"Condo\",\"propertyTypes\":[\"Condo\"]}", "propertyTypes[0]");
        invalid(url, "{\"name\":\"Sold\",\"cities\":[\"Oakland\"],\"standardStatuses\":[\"Sold\"]}", "standardStatuses[0]");
        invalid(url, "{\"name\":\"Text\",\"minPrice\":\"cheap\"}", "minPrice");
        invalid(url, "{\"name\":\"Cents\",\"minPrice\":100.125}", "minPrice");
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body("{\"name\": ")
                .post(url).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/malformed-json"));
        given().auth().oauth2(agent()).contentType(ContentType.JSON)
                .post(url).then().statusCode(400).contentType("application/problem+json");

        // and on update
        String id = search(agent(), leadId, named("Valid"));
        given().auth().oauth2(agent()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"name\":\"Everything\"}").put("/api/v1/saved-searches/" + id)
                .then().statusCode(400).body("errors.field", hasItem("criteria"));
        given().auth().oauth2(agent()).get("/api/v1/saved-searches/" + id).then().body("name", equalTo("Valid"));

        // list parameters
        badParameter(url + "?limit=0", "limit");
        badParameter(url + "?limit=201", "limit");
        badParameter(url + "?limit=many", "limit");
        badParameter(url + "?cursor=bm90LWEtY3Vyc29y", "cursor");
        badParameter(url + "?cursor=%25%25", "cursor");
        badParameter("/api/v1/saved-searches?updatedSince=yesterday", "updatedSince");
        assertThat(searchCount()).isEqualTo(before + 1);
    }

    static void invalid(String url, String body, String field) {
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(body)
                .post(url).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://keystone-crm.dev/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    static void badParameter(String url, String field) {
        given().auth().oauth2(agent()).urlEncodingEnabled(false).get(url).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    static List<String> ids(String token, String url) {
        return given().auth().oauth2(token).get(url).then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    static long searchCount() {
        return TestDirectory.DB.count("SELECT count(*) FROM saved_search");
    }
}

package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.repository.SyncRunRepository;
import com.keystone.crm.property.service.EngineHarness;
import com.keystone.crm.property.service.InMemoryFeed;
import com.keystone.crm.property.service.SyncCoordinator;
import com.keystone.crm.property.service.SyncEngine;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** Search and detail for the app, over listings synced from an in-memory feed into a tenant of their own. */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class PropertyResourceTest {
    static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    static String tenant;
    static String prefix;

    final SyncEngine engine;
    final SyncCoordinator coordinator;
    final SyncRunRepository runs;

    PropertyResourceTest(SyncEngine engine, SyncCoordinator coordinator, SyncRunRepository runs) {
        this.engine = engine;
        this.coordinator = coordinator;
        this.runs = runs;
    }

    @BeforeEach
    void seed() {
        if (tenant != null) {
            return;
        }
        tenant = "search-" + UUID.randomUUID().toString().substring(0, 8);
        prefix = "S" + UUID.randomUUID().toString().substring(0, 6) + "-";
        UUID provider = EngineHarness.provider(tenant, "search feed");
        InMemoryFeed feed = new InMemoryFeed();
        feed.put(prefix + "1", T0, new BigDecimal("300000"), "Active", 2)
                .with(prefix + "1", "City", "Denver").with(prefix + "1", "PostalCode", "80202")
                .with(prefix + "1", "BedroomsTotal", 2L).with(prefix + "1", "BathroomsTotalInteger", 1L);
        feed.put(prefix + "2", T0.plusSeconds(1), new BigDecimal("550000"), "Active", 1)
                .with(prefix + "2", "City", "Denver").with(prefix + "2", "PostalCode", "80203")
                .with(prefix + "2", "BedroomsTotal", 4L).with(prefix + "2", "BathroomsTotalInteger", 3L);
        feed.put(prefix + "3", T0.plusSeconds(2), new BigDecimal("720000"), "Pending", 0)
                .with(prefix + "3", "City", "Boulder").with(prefix + "3", "PropertyType", "Land");
        feed.put(prefix + "4", T0.plusSeconds(3), new BigDecimal("415000"), "Active", 0)
                .with(prefix + "4", "City", "denver");
        feed.put(prefix + "5", T0.plusSeconds(4), new BigDecimal("99000"), "Closed", 0);
        engine.execute(EngineHarness.claim(coordinator, runs, provider, tenant, "full", "search-test"), feed, "search-test");
    }

    static String agent() {
        return TestTokens.token(tenant, "agent-7", "team-a", "agent");
    }

    static List<String> keys(String query) {
        return given().auth().oauth2(agent()).when().get("/api/v1/properties" + query)
                .then().statusCode(200).extract().jsonPath().getList("items.listingKey");
    }

    @Test
    void filtersNarrowTheResults() {
        assertThat(keys("")).containsExactly(prefix + "1", prefix + "2", prefix + "3", prefix + "4", prefix + "5");
        assertThat(keys("?city=DENVER")).containsExactly(prefix + "1", prefix + "2", prefix + "4");
        assertThat(keys("?postalCode=80203")).containsExactly(prefix + "2");
        assertThat(keys("?minPrice=400000&maxPrice=600000")).containsExactly(prefix + "2", prefix + "4");
        assertThat(keys("?minBeds=3&minBaths=2")).containsExactly(prefix + "2", prefix + "3", prefix + "4", prefix + "5");
        assertThat(keys("?minBeds=4")).containsExactly(prefix + "2");
        assertThat(keys("?propertyType=Land")).containsExactly(prefix + "3");
        assertThat(keys("?status=Pending")).containsExactly(prefix + "3");
        assertThat(keys("?updatedSince=2999-01-01T00:00:00Z")).isEmpty();
        given().auth().oauth2(agent()).when().get("/api/v1/properties?postalCode=80202").then().statusCode(200)
                .body("items[0].listPrice", equalTo(300000.0f))
                .body("items[0].photoUrl", equalTo("http://mls.test/media/" + prefix + "1-1.jpg"));
    }

    @Test
    void cursorPagesThroughEverythingOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r = given().auth().oauth2(agent()).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor).when().get("/api/v1/properties");
            r.then().statusCode(200);
            seen.addAll(r.jsonPath().getList("items.listingKey"));
            cursor = r.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(prefix + "1", prefix + "2", prefix + "3", prefix + "4", prefix + "5");
    }

    @Test
    void badFiltersAnswerProblems() {
        given().auth().oauth2(agent()).when()
                .get("/api/v1/properties?minPrice=cheap&maxBeds=2&minBeds=-1&limit=1000&updatedSince=yesterday&cursor=zz")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("minPrice", "minBeds", "limit", "updatedSince", "cursor"));
        given().auth().oauth2(agent()).when().get("/api/v1/properties?minPrice=5&maxPrice=1")
                .then().statusCode(400).body("errors.field", hasItem("minPrice"));
        given().when().get("/api/v1/properties").then().statusCode(401);
    }

    @Test
    void detailCarriesTheListingPhotosAndAnEtag() {
        String etag = given().auth().oauth2(agent()).when().get("/api/v1/properties/" + prefix + "1")
                .then().statusCode(200)
                .body("listing.ListPrice", equalTo(300000))
                .body("listing.Appliances", hasItems("Dishwasher", "Range"))
                .body("media.size()", equalTo(2))
                .body("media[0].url", equalTo("http://mls.test/media/" + prefix + "1-1.jpg"))
                .body("media[0].copied", equalTo(false))
                .body("removed", equalTo(false))
                .extract().header("ETag");
        given().auth().oauth2(agent()).header("If-None-Match", etag).when().get("/api/v1/properties/" + prefix + "1")
                .then().statusCode(304);
        given().auth().oauth2(agent()).when().get("/api/v1/properties/" + prefix + "3")
                .then().statusCode(200).body("media.size()", equalTo(0)).body("listing.PhotosCount", equalTo(0));
        given().auth().oauth2(agent()).when().get("/api/v1/properties/nope").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("other-" + tenant, "agent-7", null, "agent"))
                .when().get("/api/v1/properties/" + prefix + "1").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("other-" + tenant, "agent-7", null, "agent"))
                .when().get("/api/v1/properties").then().statusCode(200).body("nextCursor", nullValue());
    }
}

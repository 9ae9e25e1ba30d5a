package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import com.keystone.crm.property.service.EngineHarness;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class SyncRunResourceTest {
    @Test
    void runsArePagedNewestFirstWithinTheTenant() {
        String tenant = "runs-" + UUID.randomUUID().toString().substring(0, 8);
        UUID provider = EngineHarness.provider(tenant, "runs feed");
        for (int i = 0; i < 5; i++) {
            EngineHarness.DB.execute("INSERT INTO sync_run (id, provider_id, tenant_id, mode, trigger, state, created_at) "
                    + "VALUES (?, ?, ?, 'incremental', 'schedule', 'succeeded', now() - make_interval(mins => ?))",
                    UUID.randomUUID(), provider, tenant, i);
        }
        String token = TestTokens.token(tenant, "admin-1", null, "admin");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response r = given().auth().oauth2(token).queryParam("limit", 2).queryParam("providerId", provider.toString())
                    .queryParam("cursor", cursor == null ? "" : cursor).when().get("/api/v1/mls/sync-runs");
            r.then().statusCode(200);
            seen.addAll(r.jsonPath().getList("items.id"));
            cursor = r.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        String first = seen.get(0);
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + first).then().statusCode(200)
                .body("errors.size()", org.hamcrest.Matchers.equalTo(0));
        given().auth().oauth2(TestTokens.token("elsewhere", "admin-1", null, "admin"))
                .when().get("/api/v1/mls/sync-runs/" + first).then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs?limit=0&providerId=x&cursor=%%%")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs?providerId=nope")
                .then().statusCode(400).body("errors.field", hasItems("providerId"));
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs?cursor=bm9wZQ")
                .then().statusCode(400).body("errors.field", hasItems("cursor"));
        given().auth().oauth2(token).when().get("/api/v1/mls/sync-runs/" + UUID.randomUUID()).then().statusCode(404);
    }
}

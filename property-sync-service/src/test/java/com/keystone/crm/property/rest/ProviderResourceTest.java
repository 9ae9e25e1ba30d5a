package com.keystone.crm.property.rest;

import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class ProviderResourceTest {
    static final String TENANT = "providers-realty";
    static final String PROBLEM = "application/problem+json";

    static String admin() {
        return TestTokens.token(TENANT, "admin-1", null, "admin");
    }

    static String body(String name, String extra) {
        return """
                {"name":"%s","protocol":"rets","url":"http://127.0.0.1:9/rets/login","credentialsRef":"unit",
                 "searchClasses":"RES","enabled":false%s}""".formatted(name, extra);
    }

    static String create(String name) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body(name, ""))
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
    }

    @Test
    void adminCreatesReadsListsReplacesAndDeletesAProvider() {
        String name = "Front Range MLS " + UUID.randomUUID();
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(body(name, ",\"fieldMap\":{\"LIST_1\":\"ListingKey\"},\"cron\":\"0 15 * * * ?\""))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo("\"1\""))
                .body("protocol", equalTo("rets"))
                .body("retsVersion", equalTo("RETS/1.7.2"))
                .body("pageSize", equalTo(2500))
                .body("fieldMap.LIST_1", equalTo("ListingKey"))
                .body("credentialsRef", equalTo("unit"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("nextRunAt", nullValue())
                .extract().path("id");

        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("name", equalTo(name));
        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers")
                .then().statusCode(200).body("id", hasItem(id));

        String replaced = body(name, ",\"enabled\":true,\"pageSize\":500").replace("\"enabled\":false,", "");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(replaced)
                .when().put("/api/v1/mls/providers/" + id)
                .then().statusCode(428).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(replaced)
                .when().put("/api/v1/mls/providers/" + id)
                .then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(replaced)
                .when().put("/api/v1/mls/providers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("pageSize", equalTo(500)).body("enabled", equalTo(true)).body("nextRunAt", notNullValue());

        given().auth().oauth2(admin()).when().delete("/api/v1/mls/providers/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    /** Issue #17: provider URLs pointing into the service's own network are refused unless allow-listed. */
    /**
     * A delete cascades over rows the sync and photo workers lock in their own order. Here a worker's transaction
     * holds a photo task and then wants the provider row, which the delete holds while it waits for that task: a
     * deadlock. PostgreSQL gives up the delete (it waited first, so its deadlock check fires first); the delete runs
     * again once the worker's transaction ended, and answers 204, not a 500.
     */
    @Test
    void aDeleteThatMeetsAWorkerInADeadlockRunsAgain() throws Exception {
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(body("Deadlock MLS " + UUID.randomUUID(), "")).when().post("/api/v1/mls/providers")
                .then().statusCode(201).extract().path("id");
        try (java.sql.Connection worker = ProviderCredentialsTest.connection()) {
            worker.setAutoCommit(false);
            try (java.sql.Statement st = worker.createStatement()) {
                st.execute("INSERT INTO photo_task (provider_id, tenant_id, media_key, listing_key, media_order, provider_url, "
                        + "priority, not_before) VALUES ('" + id + "', 'acme', 'M1', 'L1', 1, 'http://mls.example/1.jpg', 1, "
                        + "now() + interval '1 day')");
            }
            worker.commit();
            try (java.sql.Statement st = worker.createStatement()) {
                st.execute("SELECT id FROM photo_task WHERE provider_id = '" + id + "' FOR UPDATE");
                java.util.concurrent.CompletableFuture<Integer> delete = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                        given().auth().oauth2(admin()).when().delete("/api/v1/mls/providers/" + id).then().extract().statusCode());
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingDeletes(id) == 1);
                st.execute("SELECT id FROM mls_provider WHERE id = '" + id + "' FOR UPDATE"); // the delete is given up
                worker.commit();
                assertThat(delete.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(204);
            }
        }
        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin()).when().delete("/api/v1/mls/providers/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    /** Sessions whose statement deletes this provider and waits for a lock. */
    static int waitingDeletes(String id) throws java.sql.SQLException {
        try (java.sql.Connection c = ProviderCredentialsTest.connection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     + "AND query ILIKE 'delete from mls_provider%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void providerUrlsToPrivateAddressesAreRefusedUnlessAllowListed() {
        for (String url : new String[]{"http://10.1.2.3/rets/login", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/rets/login", "http://192.168.0.10/reso", "http://0.0.0.0:9/x"}) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(body("ssrf-" + UUID.randomUUID(), "").replace("http://127.0.0.1:9/rets/login", url))
                    .when().post("/api/v1/mls/providers")
                    .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("url"));
        }
        // the test configuration allow-lists localhost and 127.0.0.1 (crm.mls.allowed-private-hosts), where the simulator runs
        create("allowed-" + UUID.randomUUID());
    }

    @Test
    void badInputAnswersProblems() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(body("x", "").replace("\"rets\"", "\"ftp\""))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("protocol")));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/v1/mls/providers").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(body("bad-" + UUID.randomUUID(), ",\"cron\":\"every tuesday\",\"serverZone\":\"Mars/Base\"")
                        .replace("\"unit\"", "\"nobody\"").replace("http://127.0.0.1:9/rets/login", "not a url"))
                .when().post("/api/v1/mls/providers")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItems("cron", "serverZone", "credentialsRef", "url"));
        String name = "dup-" + UUID.randomUUID();
        create(name);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body(name.toUpperCase(), ""))
                .when().post("/api/v1/mls/providers").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin()).when().get("/api/v1/mls/providers/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void providersAreTenantScopedAndAdminOnly() {
        String id = create("scoped-" + UUID.randomUUID());
        given().auth().oauth2(TestTokens.token("another-realty", "admin-9", null, "admin"))
                .when().get("/api/v1/mls/providers/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.token(TENANT, "agent-1", null, "agent"))
                .when().get("/api/v1/mls/providers/" + id).then().statusCode(403).contentType(PROBLEM);
        given().when().get("/api/v1/mls/providers").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void onDemandRunsAreRefusedWhileOneIsOpenOrTheProviderIsDisabled() {
        String disabled = create("disabled-" + UUID.randomUUID());
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/mls/providers/" + disabled + "/sync-runs").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"mode\":\"sideways\"}")
                .when().post("/api/v1/mls/providers/" + disabled + "/sync-runs").then().statusCode(400).contentType(PROBLEM);

        // enabled, but nothing listens at its URL: the run fails after the client's retries, with the reason kept
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(body("unreachable-" + UUID.randomUUID(), "").replace("\"enabled\":false", "\"enabled\":true"))
                .when().post("/api/v1/mls/providers").then().statusCode(201).extract().path("id");
        String run = given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .when().post("/api/v1/mls/providers/" + id + "/sync-runs")
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString("/api/v1/mls/sync-runs/"))
                .body("mode", equalTo("full")).body("trigger", equalTo("on-demand")).extract().path("id");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/mls/providers/" + id + "/sync-runs").then().statusCode(409).contentType(PROBLEM);
        await().atMost(Duration.ofSeconds(90)).until(() -> "failed".equals(given().auth().oauth2(admin())
                .when().get("/api/v1/mls/sync-runs/" + run).then().extract().path("state")));
        given().auth().oauth2(admin()).when().get("/api/v1/mls/sync-runs/" + run)
                .then().statusCode(200).body("errors.size()", equalTo(1)).body("errors[0].phase", equalTo("records"))
                .body("failureReason", notNullValue());
        given().auth().oauth2(admin()).when().get("/api/v1/mls/sync-runs?providerId=" + id)
                .then().statusCode(200).body("items.id", hasItem(run));
    }
}

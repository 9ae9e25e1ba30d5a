package com.keystone.crm.systemtest;

import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestDatabase;
import com.keystone.crm.tools.fakes.mail.ReceivedEmail;
import com.keystone.crm.tools.mlssimulator.MlsSimulator;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saved search meets a new listing of the MLS feed: the brokerage's MLS (the simulator's RESO Web API), created
 * through the gateway with its credentials in the request (issue #11 item 9), is synced by property-sync-service, which publishes property.updated; lead-service records the match on the lead; the listing
 * alerts workflow emails the lead (GreenMail) once, and the next sync, which brings nothing new, emails nothing.
 */
class ListingAlertIT {
    static final String ALERT_SUBJECT = "A new listing matches your search";
    static final TestDatabase PROPERTY_DB = new TestDatabase("property-sync-service");

    static Brokerage brokerage;
    static Gateway gateway;
    static MlsSimulator mls;

    @BeforeAll
    static void system() {
        brokerage = Brokerage.get();
        gateway = brokerage.gateway;
        mls = brokerage.system.providers().mls;
    }

    @Test
    void aNewListingMatchingASavedSearchIsEmailedOnce() {
        String email = "casey.home@example.test";
        String leadId = gateway.create(gateway.admin(), Map.of("source", "website", "firstName", "Casey", "email", email,
                        "consent", Map.of("email", true), "message", "Tell me when something comes up"))
                .post("/api/v1/lead-events").then().statusCode(201).extract().path("leadId");

        // the brokerage's MLS, its OAuth2 client given in the request through the gateway (stored sealed, never
        // answered), fully synced once: none of its listings is new to the lead's search, made after
        var created = gateway.create(gateway.admin(), provider()).post("/api/v1/mls/providers");
        created.then().statusCode(201);
        String provider = created.path("id");
        assertThat((Boolean) created.path("credentialsStored")).isTrue();
        assertThat(created.asString()).doesNotContain(SystemUnderTest.MLS_CLIENT_SECRET);
        assertThat(gateway.admin().get("/api/v1/mls/providers/" + provider).then().statusCode(200).extract().asString())
                .doesNotContain(SystemUnderTest.MLS_CLIENT_SECRET);
        awaitSync(provider);
        assertThat(PROPERTY_DB.count("SELECT count(*) FROM mls_provider p WHERE p.id = cast(? as uuid) "
                + "AND p.secret_ciphertext IS NOT NULL AND p.credentials_ref IS NULL", provider)).isEqualTo(1);
        assertThat(PROPERTY_DB.count("SELECT count(*) FROM mls_provider p WHERE p::text LIKE '%' || ? || '%'",
                SystemUnderTest.MLS_CLIENT_SECRET)).isZero();
        for (String service : SystemUnderTest.SERVICES) {
            assertThat(logOf(service)).as(service + "'s log").doesNotContain(SystemUnderTest.MLS_CLIENT_SECRET);
        }

        // a listing comes on the market; the lead's search asks for exactly its postal code and price
        String listingKey = mls.feed().addListings(1).get(0);
        Map<String, Object> listing = mls.feed().listing(listingKey);
        BigDecimal price = new BigDecimal(listing.get("ListPrice").toString());
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("name", "Near the park");
        search.put("postalCodes", List.of(listing.get("PostalCode").toString()));
        search.put("minPrice", price);
        search.put("maxPrice", price);
        gateway.create(gateway.admin(), search).post("/api/v1/leads/" + leadId + "/saved-searches").then().statusCode(201);

        awaitSync(provider);
        CapturedEvent updated = KafkaEvents.awaitEvent("property.updated", e -> listingKey.equals(e.key()), Duration.ofSeconds(30));
        KafkaEvents.assertSchemaValid(updated);
        await().alias("the listing alert at the SMTP fake").atMost(Duration.ofSeconds(60)).until(() -> alerts(email).size() == 1);
        assertThat(alerts(email).get(0).text()).contains(listingKey).contains("new-listing");
        assertThat(matches(leadId)).hasSize(1);

        // the next sync finds the same listing again, unchanged: no second match, no second email
        mls.feed().touchWithoutChange(1);
        awaitSync(provider);
        await().alias("nothing more for the lead").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> alerts(email).size() == 1 && matches(leadId).size() == 1);
    }

    static String logOf(String service) {
        try {
            return java.nio.file.Files.readString(brokerage.system.service(service).log());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Object> provider() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "System MLS (RESO Web API)");
        p.put("protocol", "reso-web-api");
        p.put("url", mls.resoServiceRoot());
        p.put("tokenUrl", mls.oauthTokenUrl());
        p.put("credentials", Map.of("username", SystemUnderTest.MLS_CLIENT_ID, "password", SystemUnderTest.MLS_CLIENT_SECRET));
        p.put("pageSize", 200);
        p.put("requestsPerSecond", 20);
        p.put("cron", "0 0 0/4 * * ?");
        return p;
    }

    /** Requests a sync now and waits until it succeeded. */
    static void awaitSync(String provider) {
        // 409 while a run of the provider is queued or running (its schedule may have started one): ask again
        java.util.concurrent.atomic.AtomicReference<String> requested = new java.util.concurrent.atomic.AtomicReference<>();
        await().alias("a sync run accepted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var answer = gateway.create(gateway.admin(), Map.of()).post("/api/v1/mls/providers/" + provider + "/sync-runs");
            assertThat(answer.statusCode()).isIn(202, 409);
            if (answer.statusCode() == 202) {
                requested.set(answer.path("id"));
            }
            return requested.get() != null;
        });
        String run = requested.get();
        await().alias("sync run " + run).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String state = gateway.admin().get("/api/v1/mls/sync-runs/" + run).then().statusCode(200).extract().path("state");
            assertThat(state).isNotEqualTo("failed");
            return "succeeded".equals(state);
        });
    }

    static List<ReceivedEmail> alerts(String email) {
        return brokerage.system.providers().smtp.messagesTo(email).stream()
                .filter(m -> ALERT_SUBJECT.equals(m.subject())).toList();
    }

    static List<Object> matches(String leadId) {
        JsonPath timeline = gateway.admin().get("/api/v1/leads/" + leadId + "/activities?type=listing-match")
                .then().statusCode(200).extract().jsonPath();
        return timeline.getList("items");
    }
}

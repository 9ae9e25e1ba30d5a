package com.keystone.crm.gateway.proxy;

import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.RealServicesProfile;
import com.keystone.crm.gateway.Logins;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #10 item 3, end to end: a user logs out at the gateway, and the REAL lead-service (its packaged jar, as a child
 * process) called directly with the logged-out access token refuses it within a few seconds — the gateway's outbox,
 * the CDC relay, Kafka, lead-service's chassis consumer and its JWT check — while the token has not expired. Named to
 * run before {@link LeadServiceEndToEndTest} (Quarkus orders a profile's classes by name), whose outage test boots
 * lead-service again: a booted-again service takes up to a consumer session timeout to get its topics back.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(RealServicesProfile.class)
class AccessRevocationEndToEndTest {

    @Test
    void aTokenLoggedOutAtTheGatewayIsRefusedByLeadServiceCalledDirectly() throws Exception {
        LeadServiceEndToEndTest.startLeadService();
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("e2e-logout");
        Logins.createUser(admin, email, null, "agent");
        JsonPath login = Logins.login(email, Logins.PASSWORD);
        String access = login.getString("accessToken");
        // lead-service accepts the token directly (it has learned the user from user.created)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().port(GatewayTestResource.LEAD_SERVICE_PORT).auth().oauth2(access).get("/api/v1/leads").then().statusCode(200));

        // a lead-service booted moments ago joins its consumer group topic by topic:
        // the revocation can only arrive once auth.access-revoked is assigned and fetched, which its metrics show
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(given().port(LeadServiceEndToEndTest.leadService().managementPort()).get("/q/metrics").then()
                        .statusCode(200).extract().asString())
                        .containsPattern("kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"auth.access-revoked\""));
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/logout").then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().port(GatewayTestResource.LEAD_SERVICE_PORT).auth().oauth2(access).get("/api/v1/leads").then()
                        .statusCode(401).contentType("application/problem+json"));
        // the user's next login is a new token: accepted
        String again = Logins.login(email, Logins.PASSWORD).getString("accessToken");
        given().port(GatewayTestResource.LEAD_SERVICE_PORT).auth().oauth2(again).get("/api/v1/leads").then().statusCode(200);
    }
}

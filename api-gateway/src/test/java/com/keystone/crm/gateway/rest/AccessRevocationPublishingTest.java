package com.keystone.crm.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.gateway.GatewayTestResource;
import com.keystone.crm.gateway.Logins;
import com.keystone.crm.platform.testkit.CapturedEvent;
import com.keystone.crm.platform.testkit.KafkaEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 item 3: the gateway publishes auth.access-revoked (through its outbox and the CDC relay) on logout,
 * deactivation and the revocation of a refresh-token family, so every service can refuse those tokens; and it refuses
 * an access token of a revoked family itself (its {@code sid}).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AccessRevocationPublishingTest {

    static CapturedEvent revocationOf(String userId, String reason) {
        CapturedEvent e = KafkaEvents.awaitEvent("auth.access-revoked",
                ev -> userId.equals(ev.value().get("userId").asText()) && reason.equals(ev.value().get("reason").asText()));
        KafkaEvents.assertCloudEvent(e, "auth.access-revoked", "/api-gateway");
        KafkaEvents.assertSchemaValid(e);
        assertThat(e.key()).isEqualTo(e.value().get("revocationId").asText());
        return e;
    }

    @Test
    void logoutPublishesTheTokensJtiAndSessionUntilItExpires() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("rev-logout");
        String id = Logins.createUser(admin, email, null, "agent");
        JsonPath login = Logins.login(email, Logins.PASSWORD);
        String access = login.getString("accessToken");
        JsonPath claims = AuthFlowTest.claims(access);
        assertThat(claims.getString("sid")).as("the login session").isNotBlank();

        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + login.getString("refreshToken") + "\"}")
                .post("/auth/logout").then().statusCode(204);

        JsonNode r = revocationOf(id, "logout").value();
        assertThat(r.get("jti").asText()).isEqualTo(claims.getString("jti"));
        assertThat(r.get("sessionId").asText()).isEqualTo(claims.getString("sid"));
        assertThat(r.get("tenantId").asText()).isEqualTo(GatewayTestResource.TENANT);
        assertThat(Instant.parse(r.get("expiresAt").asText())).isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));
    }

    @Test
    void deactivationRevokesEveryTokenOfTheUser() {
        String admin = Logins.adminToken();
        String id = Logins.createUser(admin, Logins.uniqueEmail("rev-deact"), null, "agent");
        given().auth().oauth2(admin).post("/api/v1/admin/users/" + id + "/deactivate").then().statusCode(200);

        JsonNode r = revocationOf(id, "user-deactivated").value();
        assertThat(r.has("jti")).isFalse();
        assertThat(r.has("sessionId")).isFalse();
        assertThat(r.get("revokedBy").asText()).isEqualTo(AuthFlowTest.claims(admin).getString("sub"));
        // every token issued up to now lives at most the access lifetime (5 min) plus the clock skew (60 s)
        assertThat(Instant.parse(r.get("expiresAt").asText())).isAfter(Instant.parse(r.get("occurredAt").asText()).plusSeconds(299))
                .isBefore(Instant.parse(r.get("occurredAt").asText()).plusSeconds(361));
    }

    @Test
    void aReusedRefreshTokenRevokesItsSessionsAccessTokensToo() {
        String admin = Logins.adminToken();
        String email = Logins.uniqueEmail("rev-family");
        String id = Logins.createUser(admin, email, null, "agent");
        JsonPath first = Logins.login(email, Logins.PASSWORD);
        String r1 = first.getString("refreshToken");
        JsonPath second = given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + r1 + "\"}")
                .post("/auth/refresh").then().statusCode(200).extract().jsonPath();
        String access = second.getString("accessToken");
        assertThat(AuthFlowTest.claims(access).getString("sid")).isEqualTo(AuthFlowTest.claims(first.getString("accessToken")).getString("sid"));
        given().auth().oauth2(access).get("/auth/me").then().statusCode(200);

        // the first refresh token again: stolen. Its family dies, and so do the family's access tokens
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + r1 + "\"}").post("/auth/refresh").then().statusCode(401);

        JsonNode r = revocationOf(id, "token-family-revoked").value();
        assertThat(r.get("sessionId").asText()).isEqualTo(AuthFlowTest.claims(access).getString("sid"));
        given().auth().oauth2(access).get("/auth/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(access).get("/api/v1/echo/anything").then().statusCode(401).contentType("application/problem+json");
        // another login of the same user is another session: unaffected
        given().auth().oauth2(Logins.login(email, Logins.PASSWORD).getString("accessToken")).get("/auth/me").then().statusCode(200);
    }
}

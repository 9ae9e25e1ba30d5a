package com.keystone.crm.property.security;

import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import com.keystone.crm.platform.testkit.TestRevocations;
import com.keystone.crm.platform.testkit.TestTokens;
import com.keystone.crm.property.PropertySyncTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10 item 3: property-sync-service called directly refuses an access token the gateway revoked within a few
 * seconds of the auth.access-revoked event (401 problem+json), by token id and by login session; other tokens pass.
 */
@QuarkusTest
@WithTestResource(PropertySyncTestResource.class)
class RevokedTokenTest {
    static final String TENANT = "revoked-listings";

    @org.junit.jupiter.api.BeforeAll
    static void consumerRunning() {
        TestRevocations.awaitConsumerRunning(TENANT, "property-sync-service");
    }

    static void publish(AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> b) {
        TestRevocations.publish(TENANT, b);
    }

    static void refusedWithinSeconds(String token) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/properties")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401)));
    }

    @Test
    void aLoggedOutTokenIsRefused() {
        Map<String, Object> claims = TestTokens.claimsOf(TENANT, "ps-agent-1", "agent");
        String loggedOut = TestTokens.signClaims(claims);
        given().auth().oauth2(loggedOut).get("/api/v1/properties").then().statusCode(200);

        publish(AuthAccessRevoked.builder().withUserId("ps-agent-1").withReason(AuthAccessRevoked.Reason.LOGOUT)
                .withJti((String) claims.get("jti")));

        refusedWithinSeconds(loggedOut);
        given().auth().oauth2(TestTokens.token(TENANT, "ps-agent-1", null, "agent")).get("/api/v1/properties").then().statusCode(200);
    }

    @Test
    void aRevokedSessionsTokensAreRefused() {
        Map<String, Object> stolen = TestTokens.claimsOf(TENANT, "ps-agent-2", "agent");
        stolen.put("sid", "family-" + UUID.randomUUID());
        Map<String, Object> otherLogin = TestTokens.claimsOf(TENANT, "ps-agent-2", "agent");
        otherLogin.put("sid", "family-" + UUID.randomUUID());

        publish(AuthAccessRevoked.builder().withUserId("ps-agent-2").withReason(AuthAccessRevoked.Reason.TOKEN_FAMILY_REVOKED)
                .withSessionId((String) stolen.get("sid")));

        refusedWithinSeconds(TestTokens.signClaims(stolen));
        given().auth().oauth2(TestTokens.signClaims(otherLogin)).get("/api/v1/properties").then().statusCode(200);
    }
}

package com.keystone.crm.lead.security;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import com.keystone.crm.platform.testkit.TestRevocations;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #10 item 3: lead-service called directly refuses an access token the gateway revoked (logout, deactivation,
 * a revoked refresh family) within a few seconds of the auth.access-revoked event, with 401 problem+json; the user's
 * other tokens keep working.
 */
@QuarkusTest
@WithTestResource(LeadServiceTestResource.class)
class RevokedTokenTest {
    static final String TENANT = "revoked-realty";

    @BeforeAll
    static void directory() {
        TestDirectory.ensureUser(TENANT, "rev-agent-1", "team-r", "agent");
        TestDirectory.ensureUser(TENANT, "rev-agent-2", "team-r", "agent");
    }

    @org.junit.jupiter.api.BeforeAll
    static void consumerRunning() {
        TestRevocations.awaitConsumerRunning(TENANT, "lead-service");
    }

    static void publish(AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> b) {
        TestRevocations.publish(TENANT, b);
    }

    static void refusedWithinSeconds(String token) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/leads")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401)));
    }

    @Test
    void aLoggedOutTokenIsRefusedAndTheUsersNextLoginPasses() {
        Map<String, Object> claims = TestTokens.claimsOf(TENANT, "rev-agent-1", "agent");
        claims.put("team", "team-r");
        String loggedOut = TestTokens.signClaims(claims);
        String other = TestTokens.token(TENANT, "rev-agent-1", "team-r", "agent");
        given().auth().oauth2(loggedOut).get("/api/v1/leads").then().statusCode(200);

        publish(AuthAccessRevoked.builder().withUserId("rev-agent-1").withReason(AuthAccessRevoked.Reason.LOGOUT)
                .withJti((String) claims.get("jti")));

        refusedWithinSeconds(loggedOut);
        given().auth().oauth2(other).get("/api/v1/leads").then().statusCode(200);
    }

    @Test
    void aDeactivatedUsersTokensAreAllRefused() {
        Map<String, Object> claims = TestTokens.claimsOf(TENANT, "rev-agent-2", "agent");
        claims.put("iat", Instant.now().minusSeconds(5).getEpochSecond());
        String held = TestTokens.signClaims(claims);
        given().auth().oauth2(held).get("/api/v1/leads").then().statusCode(200);

        publish(AuthAccessRevoked.builder().withUserId("rev-agent-2").withReason(AuthAccessRevoked.Reason.USER_DEACTIVATED));

        refusedWithinSeconds(held);
        // another user of the tenant is not touched
        given().auth().oauth2(TestTokens.token(TENANT, "rev-agent-1", "team-r", "agent")).get("/api/v1/leads").then().statusCode(200);
    }
}

package com.keystone.crm.lead.security;

import com.keystone.crm.lead.LeadServiceTestResource;
import com.keystone.crm.lead.TestDirectory;
import com.keystone.crm.platform.contracts.events.AuthAccessRevoked;
import com.keystone.crm.platform.testkit.KafkaEvents;
import com.keystone.crm.platform.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

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

    /**
     * The consumer of a freshly booted service may still be joining its group (seconds under load): wait until a warm-up
     * revocation is stored, so the tests below measure the revocation's latency, not the consumer's start.
     */
    @org.junit.jupiter.api.BeforeAll
    static void consumerRunning() {
        AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> warmUp = AuthAccessRevoked.builder()
                .withUserId("warm-up-" + UUID.randomUUID()).withReason(AuthAccessRevoked.Reason.LOGOUT).withJti("warm-up");
        UUID id = publish(warmUp);
        com.keystone.crm.platform.testkit.TestDatabase db = new com.keystone.crm.platform.testkit.TestDatabase("lead-service");
        await().atMost(Duration.ofSeconds(90)).until(() ->
                db.count("SELECT count(*) FROM revoked_access WHERE revocation_id = ?", id) == 1);
    }

    static UUID publish(AuthAccessRevoked.AuthAccessRevokedBuilderBase<? extends AuthAccessRevoked> b) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AuthAccessRevoked r = b.withRevocationId(UUID.randomUUID()).withTenantId(TENANT).withVersion(1L).withOccurredAt(now)
                .withExpiresAt(now.plus(Duration.ofMinutes(16))).build();
        KafkaEvents.publish(r.getRevocationId().toString(), UUID.randomUUID(), "/api-gateway", r);
        return r.getRevocationId();
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
